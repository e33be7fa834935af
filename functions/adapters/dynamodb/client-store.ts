import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../platform/clients';
import type { ClientDirectory } from '../../scheduling/appointment';
import type { Client, ClientStore } from '../../scheduling/clients';
import { batchGetAll, queryAll, updateExpression } from './helpers';
import { items, keys, tables, withoutKeys } from './tables';

async function prefixQuery(
  index: 'gsi1' | 'gsi2',
  partition: string,
  prefix: string,
  limit: number,
) {
  return queryAll(
    {
      TableName: tables.appointments(),
      IndexName: index,
      KeyConditionExpression: prefix
        ? `${index}pk = :p AND begins_with(${index}sk, :q)`
        : `${index}pk = :p`,
      ExpressionAttributeValues: { ':p': partition, ...(prefix ? { ':q': prefix } : {}) },
    },
    limit,
  );
}

/** Clients under `CLIENT#<id>`; gsi1 by "last first", gsi2 by "first last" for name search. */
export const dynamoClientStore: ClientStore = {
  async create(client) {
    await clients.documents().send(
      new PutCommand({
        TableName: tables.appointments(),
        Item: items.client(client),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },
  async get(id) {
    const result = await clients
      .documents()
      .send(new GetCommand({ TableName: tables.appointments(), Key: keys.client(id) }));
    return result.Item ? withoutKeys<Client>(result.Item) : undefined;
  },
  async update(id, changes, remove) {
    const set: Record<string, unknown> = { ...changes };
    if (changes.firstName !== undefined || changes.lastName !== undefined) {
      const current = await this.get(id);
      const layout = items.client({ ...(current as Client), ...changes, id });
      Object.assign(set, { gsi1sk: layout.gsi1sk, gsi2sk: layout.gsi2sk });
    }
    const result = await clients.documents().send(
      new UpdateCommand({
        TableName: tables.appointments(),
        Key: keys.client(id),
        ...updateExpression(set, remove as string[]),
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<Client>(result.Attributes ?? {});
  },
  async search(query, { includeArchived, limit }) {
    const q = query.trim().toLowerCase();
    const pages = await Promise.all([
      prefixQuery('gsi1', 'CLIENTS', q, limit * 2),
      ...(q ? [prefixQuery('gsi2', 'CLIENTS_BY_FIRST_NAME', q, limit * 2)] : []),
    ]);
    const byId = new Map<string, Client>();
    for (const item of pages.flat()) {
      const client = withoutKeys<Client>(item);
      if (includeArchived || client.status === 'active') byId.set(client.id, client);
    }
    return [...byId.values()]
      .sort((a, b) => `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`))
      .slice(0, limit);
  },
};

/** Names beside appointments, read in batches. */
export const dynamoClientDirectory: ClientDirectory = {
  async summaries(ids) {
    const found = await batchGetAll(
      tables.appointments(),
      ids.map((id) => keys.client(id)),
      { projection: 'id, displayName' },
    );
    return new Map(
      found.map((item) => [
        String(item.id),
        { id: String(item.id), displayName: String(item.displayName) },
      ]),
    );
  },
};
