import type { UserDirectory, UserProfile } from '../../identity/actor';
import { documents, GetCommand } from '../../platform/aws/dynamodb';
import { cacheTtlMs, ttlCache } from '../../platform/ttl-cache';
import { queryAll } from './helpers';
import { keys, tables, withoutKeys } from './tables';

/** People's profiles (role, permissions) in the appointments table; gsi1 `USERS` lists them. */
export const dynamoUserDirectory: UserDirectory = {
  async get(sub: string): Promise<UserProfile | undefined> {
    const result = await documents().send(
      new GetCommand({ TableName: tables.appointments(), Key: keys.user(sub) }),
    );
    return result.Item ? withoutKeys<UserProfile>(result.Item) : undefined;
  },
  async list(): Promise<UserProfile[]> {
    const found = await queryAll({
      TableName: tables.appointments(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': 'USERS' },
    });
    return found.map((item) => withoutKeys<UserProfile>(item));
  },
};

const profiles = ttlCache(cacheTtlMs, (sub: string) => dynamoUserDirectory.get(sub));

/**
 * The same directory, but a profile read in the last 10 s is reused (who is calling, on every
 * authorized request; a provider's display name). A change of role or status takes effect on
 * this instance at once (the profile store forgets it) and on other instances within 10 s.
 */
export const cachedUserDirectory: UserDirectory = {
  get: (sub) => profiles.get(sub),
  list: () => dynamoUserDirectory.list(),
};

/** Called by the profile store whenever it writes a profile. */
export const forgetProfile = (sub: string) => profiles.forget(sub);

const names = ttlCache(5 * 60_000, (sub: string) => dynamoUserDirectory.get(sub));

/**
 * For display names only (a provider's name in a guest's page or an invitation): a profile read
 * in the last five minutes is reused. Never for deciding what someone may do.
 */
export const nameDirectory: Pick<UserDirectory, 'get'> = { get: (sub) => names.get(sub) };
