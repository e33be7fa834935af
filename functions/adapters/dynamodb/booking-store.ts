import type { CodeStore } from '../../booking/codes';
import type { BookingSettings, BookingSettingsStore } from '../../booking/settings';
import {
  ConditionalCheckFailedException,
  documents,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '../../platform/aws/dynamodb';
import { cacheTtlMs, ttlCache } from '../../platform/ttl-cache';
import { clientFinderPartition, keys, tables, withoutKeys } from './tables';

const settingsStore: BookingSettingsStore = {
  async get(providerId) {
    const result = await documents().send(
      new GetCommand({ TableName: tables.appointments(), Key: keys.bookingSettings(providerId) }),
    );
    return result.Item ? withoutKeys<BookingSettings>(result.Item) : undefined;
  },
  async put(providerId, settings) {
    cache.forget(providerId);
    await documents().send(
      new PutCommand({
        TableName: tables.appointments(),
        Item: { ...keys.bookingSettings(providerId), ...settings },
      }),
    );
    cache.forget(providerId);
  },
};

const cache = ttlCache(cacheTtlMs, (providerId: string) => settingsStore.get(providerId));

/**
 * Each provider's booking settings (`USER#<sub>` / `BOOKING`), as the public page reads them:
 * at most once per 10 s per instance, like the clinic's settings.
 */
export const cachedBookingSettings: BookingSettingsStore = {
  get: (providerId) => cache.get(providerId),
  put: (providerId, settings) => settingsStore.put(providerId, settings),
};

const hour = 3_600_000;

const failedCondition = (error: unknown) => error instanceof ConditionalCheckFailedException;

/**
 * One-time codes in the guest-links table (`BOOKCODE#<keyed hash of the address>`), with the
 * hour's count of codes sent beside them; the item expires (TTL) an hour after the last code.
 */
export const dynamoCodeStore: CodeStore = {
  async issue(key, code, now) {
    const common = {
      TableName: tables.guestLinks(),
      Key: keys.bookingCode(key),
      ExpressionAttributeValues: {
        ':h': code.hash,
        ':v': code.expiresAt,
        ':zero': 0,
        ':now': now,
        ':ttl': Math.floor((now + hour) / 1000),
        ':hourAgo': now - hour,
        // No code before this one (the first, or the last was used): nothing it replaced.
        ':none': '',
      },
    };
    try {
      // Within the hour of the first code: one more, while fewer than the limit were sent.
      await documents().send(
        new UpdateCommand({
          ...common,
          UpdateExpression:
            'SET replacedHash = if_not_exists(codeHash, :none), codeHash = :h, validUntil = :v, tries = :zero, expiresAt = :ttl, windowStart = if_not_exists(windowStart, :now), sends = if_not_exists(sends, :zero) + :one',
          ConditionExpression:
            'attribute_not_exists(pk) OR (windowStart > :hourAgo AND sends < :max)',
          ExpressionAttributeValues: { ...common.ExpressionAttributeValues, ':one': 1, ':max': 5 },
        }),
      );
      return true;
    } catch (error) {
      if (!failedCondition(error)) throw error;
    }
    try {
      // The hour is over: a new hour starts with this code.
      await documents().send(
        new UpdateCommand({
          ...common,
          UpdateExpression:
            'SET replacedHash = if_not_exists(codeHash, :none), codeHash = :h, validUntil = :v, tries = :zero, expiresAt = :ttl, windowStart = :now, sends = :one',
          ConditionExpression: 'windowStart <= :hourAgo',
          ExpressionAttributeValues: { ...common.ExpressionAttributeValues, ':one': 1 },
        }),
      );
      return true;
    } catch (error) {
      if (failedCondition(error)) return false;
      throw error;
    }
  },
  async get(key) {
    const result = await documents().send(
      new GetCommand({
        TableName: tables.guestLinks(),
        Key: keys.bookingCode(key),
        ConsistentRead: true,
      }),
    );
    const item = result.Item;
    if (!item?.codeHash) return undefined;
    return {
      hash: String(item.codeHash),
      expiresAt: Number(item.validUntil),
      tries: Number(item.tries ?? 0),
      ...(item.replacedHash ? { replaced: String(item.replacedHash) } : {}),
    };
  },
  async fail(key, hash) {
    try {
      await documents().send(
        new UpdateCommand({
          TableName: tables.guestLinks(),
          Key: keys.bookingCode(key),
          UpdateExpression: 'ADD tries :one',
          ConditionExpression: 'codeHash = :h',
          ExpressionAttributeValues: { ':one': 1, ':h': hash },
        }),
      );
    } catch (error) {
      // A new code replaced it meanwhile: its tries start afresh.
      if (!failedCondition(error)) throw error;
    }
  },
  async consume(key, hash) {
    try {
      await documents().send(
        new UpdateCommand({
          TableName: tables.guestLinks(),
          Key: keys.bookingCode(key),
          UpdateExpression: 'REMOVE codeHash, validUntil',
          ConditionExpression: 'codeHash = :h',
          ExpressionAttributeValues: { ':h': hash },
        }),
      );
      return true;
    } catch (error) {
      if (failedCondition(error)) return false;
      throw error;
    }
  },
};

async function lookup(key: { pk: string; sk: string }): Promise<string | undefined> {
  const result = await documents().send(
    new GetCommand({ TableName: tables.guestLinks(), Key: key, ConsistentRead: true }),
  );
  const id = result.Item?.appointmentId;
  return typeof id === 'string' ? id : undefined;
}

/** The appointment a booking request's idempotency key made (written in its transaction). */
export const dynamoReplays = { get: (key: string) => lookup(keys.idempotency(key)) };

/** The appointment a manage link opens, by the link's hash. */
export const dynamoManageLinks = { get: (hash: string) => lookup(keys.manageLink(hash)) };

/** The active clients with an email: its finder items (one consistent Query, ids only). */
export const dynamoClientFinder = {
  async idsByEmail(email: string): Promise<string[]> {
    const result = await documents().send(
      new QueryCommand({
        TableName: tables.appointments(),
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': clientFinderPartition('active', 'email', email) },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map((item) => String(item.clientId));
  },
};
