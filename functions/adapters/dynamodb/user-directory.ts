import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { UserDirectory, UserProfile } from '../../identity/actor';
import { clients } from '../../platform/clients';
import { keys, tables, withoutKeys } from './tables';

/** Reads people's profiles (role, permissions) from the appointments table. */
export const dynamoUserDirectory: UserDirectory = {
  async get(sub: string): Promise<UserProfile | undefined> {
    const result = await clients
      .documents()
      .send(new GetCommand({ TableName: tables.appointments(), Key: keys.user(sub) }));
    return result.Item ? withoutKeys<UserProfile>(result.Item) : undefined;
  },
};
