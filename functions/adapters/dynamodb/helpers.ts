import {
  BatchGetCommand,
  documents,
  QueryCommand,
  type QueryCommandInput,
} from '../../platform/aws/dynamodb';

type Item = Record<string, unknown>;

/** Every page of a query (bounded by `limit` when given). */
export async function queryAll(
  input: QueryCommandInput,
  limit = Number.POSITIVE_INFINITY,
): Promise<Item[]> {
  const found: Item[] = [];
  let cursor: Item | undefined;
  do {
    const page = await documents().send(new QueryCommand({ ...input, ExclusiveStartKey: cursor }));
    found.push(...((page.Items ?? []) as Item[]));
    cursor = page.LastEvaluatedKey as Item | undefined;
  } while (cursor && found.length < limit);
  return found.slice(0, limit);
}

/** BatchGetItem for any number of keys, retrying unprocessed keys with a short backoff. */
export async function batchGetAll(
  table: string,
  keys: readonly Item[],
  options: { projection?: string; consistent?: boolean } = {},
): Promise<Item[]> {
  const found: Item[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Item[] = keys.slice(i, i + 100) as Item[];
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const result = await documents().send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: pending,
              ...(options.projection ? { ProjectionExpression: options.projection } : {}),
              ...(options.consistent ? { ConsistentRead: true } : {}),
            },
          },
        }),
      );
      found.push(...((result.Responses?.[table] ?? []) as Item[]));
      pending = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Item[];
    }
  }
  return found;
}

/** An UpdateExpression that sets some attributes and removes others, with safe names. */
export function updateExpression(set: Item, remove: readonly string[] = []) {
  const names: Record<string, string> = {};
  const values: Item = {};
  const sets: string[] = [];
  Object.entries(set).forEach(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    sets.push(`#s${i} = :s${i}`);
  });
  const removes = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  const expression = [
    sets.length ? `SET ${sets.join(', ')}` : '',
    removes.length ? `REMOVE ${removes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    UpdateExpression: expression,
    ExpressionAttributeNames: names,
    ...(sets.length ? { ExpressionAttributeValues: values } : {}),
  };
}
