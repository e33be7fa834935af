import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { UserDirectory, UserProfile } from '../../identity/actor';
import { documents } from '../../platform/aws/dynamodb';
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
