import {
  DeleteCommand,
  documents,
  GetCommand,
  TransactionCanceledException,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '../../platform/aws/dynamodb';
import type { Seats, VisitSnapshot, VisitStore, VisitWrite } from '../../visits/ports';
import type { AttendeeRecord, MeetingRecord, Visit } from '../../visits/visit';
import { auditItem } from './audit-log';
import { queryAll } from './helpers';
import { tables, withoutKeys } from './tables';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const key = (visitId: string, sk: string) => ({ pk: `VISIT#${visitId}`, sk });
const attendeeSk = (participantId: string) => `ATTENDEE#${participantId}`;
const conditionFailed = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** The state as the domain knows it: without its keys and the news it carried for the stream. */
function visitOf(item: Record<string, unknown>): Visit {
  const { news: _news, ...rest } = withoutKeys<Visit & { news?: unknown }>(item);
  return rest;
}

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

function seatItems(seats: Seats): TransactItem[] {
  const table = tables.appointments();
  const items: TransactItem[] = [];
  if (seats.meeting) {
    const { record, replacing } = seats.meeting;
    items.push({
      Put: {
        TableName: table,
        Item: { ...key(record.visitId, 'MEETING'), ...record },
        ...(replacing === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'generation = :g',
              ExpressionAttributeValues: { ':g': replacing },
            }),
      },
    });
  }
  for (const record of seats.attendees ?? []) {
    items.push({
      Put: {
        TableName: table,
        Item: { ...key(record.visitId, attendeeSk(record.participantId)), ...record },
      },
    });
  }
  return items;
}

/** Runs a transaction; 'lost' when a condition failed or another transaction got there first. */
async function transact(items: TransactItem[]): Promise<'committed' | 'lost'> {
  if (items.length === 0) return 'committed';
  try {
    await documents().send(new TransactWriteCommand({ TransactItems: items }));
    return 'committed';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (
      reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')
    )
      return 'lost';
    throw error;
  }
}

/**
 * A visit lives in the appointments table: `VISIT#<id>` / `STATE` (the waiting room, with a
 * version, and the events of its last change for the news stream), `/ MEETING` (the Chime
 * meeting and its generation), `/ ATTENDEE#<participantId>`. A change writes the state, its
 * audit entries, a knock's credential and any seats it made in one transaction: all, or none.
 */
export const dynamoVisitStore: VisitStore = {
  async get(visitId) {
    const result = await documents().send(
      new GetCommand({
        TableName: tables.appointments(),
        Key: key(visitId, 'STATE'),
        ConsistentRead: true,
      }),
    );
    return result.Item ? visitOf(result.Item) : undefined;
  },
  async snapshot(visitId) {
    // The whole partition in one consistent query: a visit holds a state, a meeting and at
    // most a few dozen attendees, so this is one page, and no caller need know whose seats
    // to ask for.
    const found = await queryAll({
      TableName: tables.appointments(),
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': `VISIT#${visitId}` },
      ConsistentRead: true,
    });
    const snapshot: VisitSnapshot = { attendees: new Map() };
    for (const item of found) {
      if (item.sk === 'STATE') snapshot.visit = visitOf(item);
      else if (item.sk === 'MEETING') snapshot.meeting = withoutKeys<MeetingRecord>(item);
      else if (String(item.sk).startsWith('ATTENDEE#')) {
        const record = withoutKeys<AttendeeRecord>(item);
        snapshot.attendees.set(record.participantId, record);
      }
    }
    return snapshot;
  },
  async commit(write: VisitWrite) {
    const { next, expectedVersion, events, audit, token, meetingEnded } = write;
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tables.appointments(),
          Item: { ...key(next.visitId, 'STATE'), ...next, news: events },
          ...(expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :v',
                ExpressionAttributeValues: { ':v': expectedVersion },
              }),
        },
      },
      ...audit.map(
        (entry): TransactItem => ({
          Put: {
            TableName: tables.audit(),
            Item: auditItem(entry),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
      ),
      ...seatItems(write),
    ];
    if (token) {
      items.push({
        Put: {
          TableName: tables.guestLinks(),
          Item: {
            pk: `PTOKEN#${token.hash}`,
            sk: 'PTOKEN',
            visitId: next.visitId,
            participantId: token.participantId,
            expiresAt: token.expiresAt,
          },
        },
      });
    }
    if (meetingEnded) {
      items.push({
        Update: {
          TableName: tables.appointments(),
          Key: key(next.visitId, 'MEETING'),
          UpdateExpression: 'SET endedAt = :at',
          ConditionExpression: 'meetingId = :m',
          ExpressionAttributeValues: { ':at': meetingEnded.at, ':m': meetingEnded.meetingId },
        },
      });
    }
    return transact(items);
  },
  saveSeats: (_visitId, seats) => transact(seatItems(seats)),
  async markMeetingEnded(visitId, meetingId, at) {
    try {
      await documents().send(
        new UpdateCommand({
          TableName: tables.appointments(),
          Key: key(visitId, 'MEETING'),
          UpdateExpression: 'SET endedAt = :at',
          ConditionExpression: 'meetingId = :m AND attribute_not_exists(endedAt)',
          ExpressionAttributeValues: { ':at': at, ':m': meetingId },
        }),
      );
    } catch (error) {
      // Already replaced, or already marked: nothing to do.
      if (!conditionFailed(error)) throw error;
    }
  },
  meeting: (visitId) => read<MeetingRecord>(visitId, 'MEETING'),
  attendee: (visitId, participantId) => read<AttendeeRecord>(visitId, attendeeSk(participantId)),
  async deleteAttendee(visitId, participantId) {
    await documents().send(
      new DeleteCommand({
        TableName: tables.appointments(),
        Key: key(visitId, attendeeSk(participantId)),
      }),
    );
  },
};
