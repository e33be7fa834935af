import type { SignupRecord, SignupStore } from '../../invitations/portal-signup';
import { documents, GetCommand, PutCommand, UpdateCommand } from '../../platform/aws/dynamodb';
import { tables, withoutKeys } from './tables';

const key = (hash: string) => ({ pk: `SIGNUP#${hash}`, sk: 'SIGNUP' });

const conditionFailed = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** Portal sign-up invitations in the guest-links table, keyed by the token's hash; TTL 24 h. */
export const dynamoSignupStore: SignupStore = {
  async put(record) {
    await documents().send(
      new PutCommand({
        TableName: tables.guestLinks(),
        Item: { ...key(record.hash), ...record },
      }),
    );
  },
  async get(hash) {
    const result = await documents().send(
      new GetCommand({ TableName: tables.guestLinks(), Key: key(hash) }),
    );
    return result.Item ? withoutKeys<SignupRecord>(result.Item) : undefined;
  },
  async consume(hash) {
    try {
      await documents().send(
        new UpdateCommand({
          TableName: tables.guestLinks(),
          Key: key(hash),
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':now': new Date().toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  },
  async markRenewed(hash) {
    try {
      await documents().send(
        new UpdateCommand({
          TableName: tables.guestLinks(),
          Key: key(hash),
          UpdateExpression: 'SET renewed = :t',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(renewed)',
          ExpressionAttributeValues: { ':t': true },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  },
};
