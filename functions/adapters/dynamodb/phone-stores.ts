import type {
  CallerLimits,
  DialLimits,
  PhoneCallStore,
  PinDirectory,
  StoredCall,
} from '../../phone/ports';
import {
  ConditionalCheckFailedException,
  documents,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '../../platform/aws/dynamodb';
import { clock } from '../../platform/clock';
import { pinKey } from './invitee-store';
import { tables, withoutKeys } from './tables';

/**
 * The phone line's state: each live call in the connections table (`CALL#<TransactionId>`,
 * gone a day after its last event), failures and locks of calling numbers in the limits table
 * under the number's keyed hash (never the number), and PINs found by their keyed hash.
 */
const callKey = (transactionId: string) => ({ pk: `CALL#${transactionId}`, sk: 'CALL' });
const dayS = 86_400;

export const dynamoPhoneCalls: PhoneCallStore = {
  async get(transactionId) {
    const { Item } = await documents().send(
      new GetCommand({ TableName: tables.connections(), Key: callKey(transactionId) }),
    );
    return Item ? withoutKeys<StoredCall>(Item) : undefined;
  },
  async put(call) {
    try {
      await documents().send(
        new PutCommand({
          TableName: tables.connections(),
          Item: {
            ...callKey(call.transactionId),
            ...call,
            version: call.version + 1,
            expiresAt: clock.nowSeconds() + dayS,
          },
          ConditionExpression: call.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(call.version === 0 ? {} : { ExpressionAttributeValues: { ':v': call.version } }),
        }),
      );
      return 'saved';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'lost';
      throw error;
    }
  },
};

/** Failures are counted per ten minutes; the last six such counts make "the last hour". */
const bucketMs = 600_000;
const bucketOf = (ms: number) => String(Math.floor(ms / bucketMs)).padStart(12, '0');

/** Counts one under `pk` now, and answers the count of the last hour. */
async function countThisHour(pk: string, now: number): Promise<number> {
  await documents().send(
    new UpdateCommand({
      TableName: tables.limits(),
      Key: { pk, sk: bucketOf(now) },
      UpdateExpression: 'ADD failures :one SET expiresAt = :e',
      ExpressionAttributeValues: { ':one': 1, ':e': Math.floor(now / 1000) + 2 * 3600 },
    }),
  );
  const { Items } = await documents().send(
    new QueryCommand({
      TableName: tables.limits(),
      KeyConditionExpression: 'pk = :p AND sk >= :from',
      ExpressionAttributeValues: { ':p': pk, ':from': bucketOf(now - 3_600_000 + bucketMs) },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).reduce((sum, item) => sum + Number(item.failures ?? 0), 0);
}

/** Calls placed by each provider (by their user id), against toll fraud. */
export const dynamoDialLimits: DialLimits = {
  count: (provider, now) => countThisHour(`DIALOUT#${provider}`, now),
};

export const dynamoCallerLimits: CallerLimits = {
  async lockedUntil(caller) {
    const { Item } = await documents().send(
      new GetCommand({
        TableName: tables.limits(),
        Key: { pk: `PHONELOCK#${caller}`, sk: 'LOCK' },
      }),
    );
    return Item ? Number(Item.until) : undefined;
  },
  fail: (caller, now) => countThisHour(`PHONEFAIL#${caller}`, now),
  async lock(caller, until) {
    await documents().send(
      new PutCommand({
        TableName: tables.limits(),
        Item: { pk: `PHONELOCK#${caller}`, sk: 'LOCK', until, expiresAt: Math.ceil(until / 1000) },
      }),
    );
  },
};

export const dynamoPinDirectory: PinDirectory = {
  async byHash(hash) {
    const { Item } = await documents().send(
      new GetCommand({ TableName: tables.guestLinks(), Key: pinKey(hash), ConsistentRead: true }),
    );
    if (!Item?.appointmentId || !Item.inviteeId) return undefined;
    return {
      appointmentId: String(Item.appointmentId),
      inviteeId: String(Item.inviteeId),
      expiresAt: Number(Item.expiresAt ?? 0),
      ...(Item.revokedAt ? { revokedAt: String(Item.revokedAt) } : {}),
    };
  },
};
