import { LastOwnerError, ProfileChangedError, type ProfileStore } from '../../accounts/ports';
import {
  documents,
  TransactionCanceledException,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '../../platform/aws/dynamodb';
import { auditPut } from './audit-log';
import { updateExpression } from './helpers';
import { items, keys, tables } from './tables';
import { dynamoUserDirectory, forgetProfile } from './user-directory';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The clinic keeps a count of active owners (`CLINIC` / `OWNERS`). Every change that makes or
 * unmakes an owner moves it in the same transaction as the profile, and a decrement is
 * conditional on the count staying at least one: two owners demoting each other at the same
 * moment cannot leave the clinic without one.
 */
function ownerCountChange(delta: -1 | 1): TransactItem {
  return {
    Update: {
      TableName: tables.appointments(),
      Key: keys.ownerCount(),
      UpdateExpression: 'ADD ownerCount :d',
      ...(delta < 0
        ? {
            ConditionExpression: 'ownerCount > :one',
            ExpressionAttributeValues: { ':d': -1, ':one': 1 },
          }
        : { ExpressionAttributeValues: { ':d': 1 } }),
    },
  };
}

export const dynamoProfileStore: ProfileStore = {
  async create(profile, audit = []) {
    forgetProfile(profile.sub);
    await documents().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tables.appointments(),
              Item: items.userProfile(profile),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...(profile.role === 'owner' ? [ownerCountChange(1)] : []),
          ...audit.map(auditPut),
        ],
      }),
    );
  },
  async update(sub, changes, expectedUpdatedAt, ownerDelta, audit = []) {
    forgetProfile(sub);
    const set: Record<string, unknown> = { ...changes };
    if (changes.displayName !== undefined)
      set.gsi1sk = items.userProfile({ sub, role: '', displayName: changes.displayName }).gsi1sk;
    const expression = updateExpression(set);
    const profileUpdate: TransactItem = {
      Update: {
        TableName: tables.appointments(),
        Key: keys.user(sub),
        ...expression,
        ConditionExpression: '#expected = :expected',
        ExpressionAttributeNames: {
          ...expression.ExpressionAttributeNames,
          '#expected': 'updatedAt',
        },
        ExpressionAttributeValues: {
          ...expression.ExpressionAttributeValues,
          ':expected': expectedUpdatedAt,
        },
      },
    };
    try {
      await documents().send(
        new TransactWriteCommand({
          TransactItems: [
            profileUpdate,
            ...(ownerDelta !== 0 ? [ownerCountChange(ownerDelta)] : []),
            ...audit.map(auditPut),
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [profileReason, second] = error.CancellationReasons ?? [];
      const ownerReason = ownerDelta !== 0 ? second : undefined;
      if (ownerReason?.Code === 'ConditionalCheckFailed')
        throw new LastOwnerError('At least one owner must remain');
      if (
        profileReason?.Code === 'ConditionalCheckFailed' ||
        profileReason?.Code === 'TransactionConflict'
      ) {
        throw new ProfileChangedError('The profile changed meanwhile');
      }
      throw error;
    }
    forgetProfile(sub);
    const updated = await dynamoUserDirectory.get(sub);
    if (!updated) throw new Error('Profile vanished after update');
    return updated;
  },
  async touch(sub, at, everyMs) {
    try {
      await documents().send(
        new UpdateCommand({
          TableName: tables.appointments(),
          Key: keys.user(sub),
          UpdateExpression: 'SET lastSignInAt = :at',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(lastSignInAt) OR lastSignInAt < :cutoff)',
          ExpressionAttributeValues: {
            ':at': at,
            ':cutoff': new Date(Date.parse(at) - everyMs).toISOString(),
          },
        }),
      );
    } catch (error) {
      // Recorded recently enough already.
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException'))
        throw error;
    }
  },
};
