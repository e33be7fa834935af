import { documents, QueryCommand } from '../../platform/aws/dynamodb';
import { invalid } from '../../platform/errors';
import type { ClientQuery } from '../../scheduling/client-search';
import type { Client, ClientStore } from '../../scheduling/clients';
import { batchGetAll } from './helpers';
import { clientFinderPartition, clientPartitions, keys, tables, withoutKeys } from './tables';

type Item = Record<string, unknown>;

/**
 * One Query a search reads in turn: a name index (gsi1 "last first", gsi2 "first last") from a
 * prefix, or a finder partition on the table. A search is a list of phases read one after the
 * other, so a page and its cursor are exact: active clients first, then (when asked) archived.
 */
interface Phase {
  index?: 'gsi1' | 'gsi2';
  partition: string;
  prefix: string;
  /** Items an earlier phase of the same search returned already. */
  seenBefore?: (item: Item) => boolean;
}

/** Each page reads at most this many Query pages; a longer search continues by its cursor. */
const maxQueries = 10;

function phasesOf(query: ClientQuery, includeArchived: boolean): Phase[] {
  const statuses = includeArchived ? (['active', 'archived'] as const) : (['active'] as const);
  return statuses.flatMap((status): Phase[] => {
    if (query.field !== 'name') {
      return [{ partition: clientFinderPartition(status, query.field, query.value), prefix: '' }];
    }
    const { byLastName, byFirstName } = clientPartitions(status);
    const { prefix } = query;
    const lastNames: Phase = { index: 'gsi1', partition: byLastName, prefix };
    if (!prefix) return [lastNames];
    // A first-name match whose "last first" also starts with the prefix was a last-name match.
    const seenBefore = (item: Item) => String(item.gsi1sk).startsWith(prefix);
    return [lastNames, { index: 'gsi2', partition: byFirstName, prefix, seenBefore }];
  });
}

const keyNames = (phase: Phase) =>
  phase.index ? ['pk', 'sk', `${phase.index}pk`, `${phase.index}sk`] : ['pk', 'sk'];

const keyOf = (phase: Phase, item: Item) =>
  Object.fromEntries(keyNames(phase).map((name) => [name, item[name]]));

interface Position {
  phase: number;
  key?: Item;
}

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify({ p: position.phase, k: position.key })).toString('base64url');
}

/** A cursor must point into this very search; anything else is a 400, never a DynamoDB error. */
function decodeCursor(cursor: string, phases: Phase[]): Position {
  const refused = invalid('clients.bad_cursor', 'This list cannot be continued: search again.', {
    cursor: 'Not a cursor of this search',
  });
  let parsed: { p?: unknown; k?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused;
  }
  const phase = typeof parsed.p === 'number' ? phases[parsed.p] : undefined;
  if (!phase || !Number.isInteger(parsed.p)) throw refused;
  if (parsed.k === undefined) return { phase: parsed.p as number };
  const key = parsed.k as Item;
  const names = keyNames(phase);
  const sortName = phase.index ? `${phase.index}sk` : 'sk';
  const fits =
    typeof key === 'object' &&
    key !== null &&
    Object.keys(key).length === names.length &&
    names.every((name) => typeof key[name] === 'string') &&
    key[phase.index ? `${phase.index}pk` : 'pk'] === phase.partition &&
    String(key[sortName]).startsWith(phase.index ? phase.prefix : 'CLIENT#');
  if (!fits) throw refused;
  return { phase: parsed.p as number, key };
}

async function queryPhase(phase: Phase, start: Item | undefined, limit: number) {
  const { index, partition, prefix } = phase;
  const [pk, sk] = index ? [`${index}pk`, `${index}sk`] : ['pk', 'sk'];
  return documents().send(
    new QueryCommand({
      TableName: tables.appointments(),
      ...(index ? { IndexName: index } : { ConsistentRead: true }),
      KeyConditionExpression: prefix ? `${pk} = :p AND begins_with(${sk}, :q)` : `${pk} = :p`,
      ExpressionAttributeValues: { ':p': partition, ...(prefix ? { ':q': prefix } : {}) },
      Limit: limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
}

/** Clients in the order found; finder items name their client, read in one batch. */
async function clientsOf(found: { item: Item; phase: Phase }[]): Promise<Client[]> {
  const ids = found.filter((f) => !f.phase.index).map((f) => String(f.item.clientId));
  const read = ids.length
    ? await batchGetAll(
        tables.appointments(),
        ids.map((id) => keys.client(id)),
        { consistent: true },
      )
    : [];
  const byId = new Map(read.map((item) => [String(item.id), withoutKeys<Client>(item)]));
  return found.flatMap(({ item, phase }) => {
    if (phase.index) return [withoutKeys<Client>(item)];
    const client = byId.get(String(item.clientId));
    return client ? [client] : [];
  });
}

/**
 * Reads one more match than the page holds, to know whether there are more: the cursor is
 * then the key of the page's last match (DynamoDB's ExclusiveStartKey, base64url JSON).
 */
export const searchClientItems: ClientStore['search'] = async (query, options) => {
  const phases = phasesOf(query, options.includeArchived);
  let position: Position = options.cursor ? decodeCursor(options.cursor, phases) : { phase: 0 };
  const found: { item: Item; phase: Phase; index: number }[] = [];
  for (let reads = 0; reads < maxQueries && found.length <= options.limit; reads += 1) {
    const phase = phases[position.phase];
    if (!phase) break;
    const page = await queryPhase(phase, position.key, options.limit + 1 - found.length);
    for (const item of (page.Items ?? []) as Item[]) {
      if (!phase.seenBefore?.(item)) found.push({ item, phase, index: position.phase });
    }
    const next = page.LastEvaluatedKey as Item | undefined;
    position = next ? { phase: position.phase, key: next } : { phase: position.phase + 1 };
  }
  const shown = found.slice(0, options.limit);
  const last = shown.at(-1);
  const more =
    found.length > options.limit && last
      ? { phase: last.index, key: keyOf(last.phase, last.item) }
      : position.phase < phases.length
        ? position
        : undefined;
  return {
    clients: await clientsOf(shown),
    ...(more ? { cursor: encodeCursor(more) } : {}),
  };
};
