/**
 * The DynamoDB tables, as plain data. The CDK data stack and the local bootstrap both build
 * their tables from these definitions, so key schemas, indexes and TTL attributes cannot drift
 * apart between AWS and the local stack.
 */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface IndexDefinition {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
}

export interface TableDefinition {
  /** Logical id in CDK and the suffix of the local table name. */
  id: string;
  /** Environment variable through which functions learn the physical table name. */
  envVar: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Epoch-seconds attribute DynamoDB deletes expired items by. Readers still check it. */
  ttlAttribute?: string;
  indexes: IndexDefinition[];
  /**
   * Items are only ever added (PutItem, conditioned on the item not existing), never changed or
   * removed: the CDK grants refuse UpdateItem, DeleteItem and BatchWriteItem on such a table.
   */
  appendOnly?: true;
  /**
   * A DynamoDB stream of new item images, for a function that reacts to changes after they are
   * committed (the visit news: functions/handlers/visit-news.ts).
   */
  stream?: 'NEW_IMAGE';
}

const s = (name: string): KeyAttribute => ({ name, type: 'S' });

/** Scheduling context: clinic settings, people, clients, contacts, appointments, rooms, visits. */
export const appointmentsTable: TableDefinition = {
  id: 'appointments',
  envVar: 'TABLE_APPOINTMENTS',
  partitionKey: s('pk'),
  sortKey: s('sk'),
  indexes: [
    { indexName: 'gsi1', partitionKey: s('gsi1pk'), sortKey: s('gsi1sk') },
    { indexName: 'gsi2', partitionKey: s('gsi2pk'), sortKey: s('gsi2sk') },
  ],
  // Every committed visit change (`VISIT#…` / `STATE`) is pushed to the browsers from here.
  stream: 'NEW_IMAGE',
};

/**
 * Guest links, their dial-in PINs and the invitations that deliver them. Every item expires by
 * `expiresAt`; a PIN is an item keyed by the PIN itself, so uniqueness is a conditional write.
 */
export const guestLinksTable: TableDefinition = {
  id: 'guest-links',
  envVar: 'TABLE_GUEST_LINKS',
  partitionKey: s('pk'),
  sortKey: s('sk'),
  ttlAttribute: 'expiresAt',
  indexes: [{ indexName: 'gsi1', partitionKey: s('gsi1pk'), sortKey: s('gsi1sk') }],
};

/** Live WebSocket connections; `expiresAt` sweeps connections whose $disconnect never came. */
export const connectionsTable: TableDefinition = {
  id: 'connections',
  envVar: 'TABLE_CONNECTIONS',
  partitionKey: s('pk'),
  sortKey: s('sk'),
  ttlAttribute: 'expiresAt',
  indexes: [{ indexName: 'gsi1', partitionKey: s('gsi1pk'), sortKey: s('gsi1sk') }],
};

/**
 * Append-only audit trail: one item per event (`VISIT#<visitId>` / `<at>#<eventId>`; gsi1
 * `DAY#<yyyy-mm-dd>` lists a day), never updated or deleted.
 */
export const auditTable: TableDefinition = {
  id: 'audit',
  envVar: 'TABLE_AUDIT',
  partitionKey: s('pk'),
  sortKey: s('sk'),
  indexes: [{ indexName: 'gsi1', partitionKey: s('gsi1pk'), sortKey: s('gsi1sk') }],
  appendOnly: true,
};

/**
 * Counters that limit how fast things may happen, shared by every function instance: requests
 * per client address on public routes (`RATE#…`, one item per key and minute) and the pacer that
 * keeps calls to Chime's control plane under its rate (`PACER#…`). Items expire by `expiresAt`.
 */
export const limitsTable: TableDefinition = {
  id: 'limits',
  envVar: 'TABLE_LIMITS',
  partitionKey: s('pk'),
  sortKey: s('sk'),
  ttlAttribute: 'expiresAt',
  indexes: [],
};

export const tableDefinitions: readonly TableDefinition[] = [
  appointmentsTable,
  guestLinksTable,
  connectionsTable,
  auditTable,
  limitsTable,
];
