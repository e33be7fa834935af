import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documents } from '../../platform/aws/dynamodb';
import type { VisitStore } from '../../visits/ports';
import type { AttendeeRecord, MeetingRecord, Visit } from '../../visits/visit';
import { auditItem } from './audit-log';
import { tables, withoutKeys } from './tables';

const key = (visitId: string, sk: string) => ({ pk: `VISIT#${visitId}`, sk });
const conditionFailed = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

async function read<T>(visitId: string, sk: string): Promise<T | undefined> {
  const result = await documents().send(
    new GetCommand({
      TableName: tables.appointments(),
      Key: key(visitId, sk),
      ConsistentRead: true,
    }),
  );
  return result.Item ? withoutKeys<T>(result.Item) : undefined;
}

/**
 * A visit lives in the appointments table: `VISIT#<id>` / `STATE` (the waiting room, with a
 * version), `/ MEETING` (the Chime meeting and its generation), `/ ATTENDEE#<participantId>`.
 * A state change and its audit entries are one transaction: both, or neither.
 */
export const dynamoVisitStore: VisitStore = {
  get: (visitId) => read<Visit>(visitId, 'STATE'),
  async commit(next, expectedVersion, audit) {
    try {
      await documents().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tables.appointments(),
                Item: { ...key(next.visitId, 'STATE'), ...next },
                ...(expectedVersion === 0
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : {
                      ConditionExpression: 'version = :v',
                      ExpressionAttributeValues: { ':v': expectedVersion },
                    }),
              },
            },
            ...audit.map((entry) => ({
              Put: {
                TableName: tables.audit(),
                Item: auditItem(entry),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            })),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [state] = error.CancellationReasons ?? [];
      if (
        state?.Code === 'ConditionalCheckFailed' ||
        error.CancellationReasons?.some((r) => r.Code === 'TransactionConflict')
      )
        return false;
      throw error;
    }
  },
  meeting: (visitId) => read<MeetingRecord>(visitId, 'MEETING'),
  async putMeeting(record, replacing) {
    try {
      await documents().send(
        new PutCommand({
          TableName: tables.appointments(),
          Item: { ...key(record.visitId, 'MEETING'), ...record },
          ConditionExpression: replacing === 0 ? 'attribute_not_exists(pk)' : 'generation = :g',
          ...(replacing === 0 ? {} : { ExpressionAttributeValues: { ':g': replacing } }),
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  },
  attendee: (visitId, participantId) => read<AttendeeRecord>(visitId, `ATTENDEE#${participantId}`),
  async putAttendee(record) {
    await documents().send(
      new PutCommand({
        TableName: tables.appointments(),
        Item: { ...key(record.visitId, `ATTENDEE#${record.participantId}`), ...record },
      }),
    );
  },
  async deleteAttendee(visitId, participantId) {
    await documents().send(
      new DeleteCommand({
        TableName: tables.appointments(),
        Key: key(visitId, `ATTENDEE#${participantId}`),
      }),
    );
  },
};
