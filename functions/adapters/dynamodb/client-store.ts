import {
  documents,
  GetCommand,
  TransactionCanceledException,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '../../platform/aws/dynamodb';
import type { ClientDirectory } from '../../scheduling/appointment';
import { type Client, type ClientStore, searchedFields } from '../../scheduling/clients';
import { searchClientItems } from './client-search-store';
import { batchGetAll, updateExpression } from './helpers';
import { clientIndexKeys, items, keys, tables, withoutKeys } from './tables';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Finder = ReturnType<typeof items.clientFinders>[number];

const keyOf = (finder: Finder) => `${finder.pk}\n${finder.sk}`;

/** Finder items to delete and to put when a client changes from `before` to `after`. */
function finderChanges(before: Client, after: Client): TransactItem[] {
  const old = items.clientFinders(before);
  const next = items.clientFinders(after);
  const oldKeys = new Set(old.map(keyOf));
  const nextKeys = new Set(next.map(keyOf));
  return [
    ...old
      .filter((f) => !nextKeys.has(keyOf(f)))
      .map((f) => ({ Delete: { TableName: tables.appointments(), Key: { pk: f.pk, sk: f.sk } } })),
    ...next
      .filter((f) => !oldKeys.has(keyOf(f)))
      .map((f) => ({ Put: { TableName: tables.appointments(), Item: f } })),
  ];
}

/** "The searched fields are as they were read": what makes moving finder items safe. */
function unchangedSearchFields(current: Client) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conditions = ['attribute_exists(pk)'];
  searchedFields.forEach((field, i) => {
    names[`#c${i}`] = field;
    const value = current[field];
    if (value === undefined) conditions.push(`attribute_not_exists(#c${i})`);
    else {
      values[`:c${i}`] = value;
      conditions.push(`#c${i} = :c${i}`);
    }
  });
  return { expression: conditions.join(' AND '), names, values };
}

/** Another request's write came first (its condition or its transaction). */
function lostRace(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some(
      (r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict',
    )
  );
}

/**
 * Clients under `CLIENT#<id>`: gsi1 by "last first" and gsi2 by "first last" (partitions
 * apart for archived clients), and finder items by email, phone and date of birth.
 */
export const dynamoClientStore: ClientStore = {
  async create(client) {
    await documents().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tables.appointments(),
              Item: items.client(client),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...items
            .clientFinders(client)
            .map((f) => ({ Put: { TableName: tables.appointments(), Item: f } })),
        ],
      }),
    );
  },
  async get(id) {
    const result = await documents().send(
      new GetCommand({ TableName: tables.appointments(), Key: keys.client(id) }),
    );
    return result.Item ? withoutKeys<Client>(result.Item) : undefined;
  },
  async update(id, changes, remove) {
    const result = await documents().send(
      new UpdateCommand({
        TableName: tables.appointments(),
        Key: keys.client(id),
        ...updateExpression(changes, remove as string[]),
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<Client>(result.Attributes ?? {});
  },
  async edit(current, changes, remove) {
    const next = { ...current, ...changes } as Client;
    for (const key of remove) delete next[key];
    const update = updateExpression({ ...changes, ...clientIndexKeys(next) }, remove);
    const condition = unchangedSearchFields(current);
    try {
      await documents().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tables.appointments(),
                Key: keys.client(current.id),
                UpdateExpression: update.UpdateExpression,
                ConditionExpression: condition.expression,
                ExpressionAttributeNames: {
                  ...update.ExpressionAttributeNames,
                  ...condition.names,
                },
                ExpressionAttributeValues: {
                  ...update.ExpressionAttributeValues,
                  ...condition.values,
                },
              },
            },
            ...finderChanges(current, next),
          ],
        }),
      );
    } catch (error) {
      if (lostRace(error)) return undefined;
      throw error;
    }
    return next;
  },
  search: searchClientItems,
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
