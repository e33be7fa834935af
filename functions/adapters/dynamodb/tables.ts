import {
  appointmentsTable,
  auditTable,
  connectionsTable,
  guestLinksTable,
  limitsTable,
  type TableDefinition,
} from '../../../infra/schema/tables';
import { requiredEnv } from '../../platform/env';

/** Physical table names, from the environment the CDK stack (or the local stack) sets. */
export const tableName = (table: TableDefinition): string => requiredEnv(table.envVar);

export const tables = {
  appointments: () => tableName(appointmentsTable),
  guestLinks: () => tableName(guestLinksTable),
  connections: () => tableName(connectionsTable),
  audit: () => tableName(auditTable),
  limits: () => tableName(limitsTable),
};

/** Key helpers for the appointments table, so no other file spells a key by hand. */
export const keys = {
  clinicSettings: () => ({ pk: 'CLINIC', sk: 'SETTINGS' }),
  ownerCount: () => ({ pk: 'CLINIC', sk: 'OWNERS' }),
  user: (sub: string) => ({ pk: `USER#${sub}`, sk: 'PROFILE' }),
  client: (id: string) => ({ pk: `CLIENT#${id}`, sk: 'PROFILE' }),
  /** One way of finding a client by an exact value; archived clients are kept apart. */
  clientFinder: (status: ClientStatus, field: FinderField, value: string, clientId: string) => ({
    pk: clientFinderPartition(status, field, value),
    sk: `CLIENT#${clientId}`,
  }),
  contact: (id: string) => ({ pk: `CONTACT#${id}`, sk: 'PROFILE' }),
  contactLink: (clientId: string, contactId: string) => ({
    pk: `CLIENT#${clientId}`,
    sk: `CONTACT#${contactId}`,
  }),
  appointment: (id: string) => ({ pk: `APPT#${id}`, sk: 'APPOINTMENT' }),
  room: (id: string) => ({ pk: `ROOM#${id}`, sk: 'ROOM' }),
  providerDay: (providerId: string, day: string) => ({
    pk: `PROVIDER#${providerId}`,
    sk: `DAY#${day}`,
  }),
  providerSchedule: (providerId: string) => `PROVIDER#${providerId}`,
  link: (hash: string) => ({ pk: `LINK#${hash}`, sk: 'LINK' }),
  /** A provider's online booking settings. */
  bookingSettings: (providerId: string) => ({ pk: `USER#${providerId}`, sk: 'BOOKING' }),
  /** One client per email made by online bookings, however many race (appointments table). */
  onlineClient: (email: string) => ({ pk: `BOOKEMAIL#${email}`, sk: 'CLIENT' }),
  /** Guest-links table: an online booking's manage link, by the token's hash. */
  manageLink: (hash: string) => ({ pk: `MANAGE#${hash}`, sk: 'MANAGE' }),
  /** Guest-links table: a booking request's idempotency key (hashed with the provider's id). */
  idempotency: (key: string) => ({ pk: `IDEMP#${key}`, sk: 'IDEMP' }),
  /** Guest-links table: the one-time code an email address was sent, by the address's keyed hash. */
  bookingCode: (emailKey: string) => ({ pk: `BOOKCODE#${emailKey}`, sk: 'CODE' }),
};

const storageAttributes = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']);

/** Strips storage-only attributes (keys, index keys) from an item before it leaves the adapter. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !storageAttributes.has(k))) as T;
}

const lower = (s: string) => s.toLowerCase();

type ClientStatus = 'active' | 'archived';
/** Fields a client is found by exactly (normalized: lower-case email, E.164, ISO date). */
export type FinderField = 'email' | 'phone' | 'dateOfBirth';
const finderNames: Record<FinderField, string> = {
  email: 'email',
  phone: 'phone',
  dateOfBirth: 'dob',
};

/** Archived clients live under other partitions, so they never crowd out active ones. */
export const clientPartitions = (status: ClientStatus) => {
  const base = status === 'archived' ? 'ARCHIVED_CLIENTS' : 'CLIENTS';
  return { byLastName: base, byFirstName: `${base}_BY_FIRST_NAME` };
};

export const clientFinderPartition = (status: ClientStatus, field: FinderField, value: string) =>
  `${status === 'archived' ? 'ARCHIVED_' : ''}CLIENTFIND#${finderNames[field]}#${value}`;

/** The name-index keys of a client: "last first" on gsi1, "first last" on gsi2. */
export function clientIndexKeys(c: {
  id: string;
  lastName: string;
  firstName: string;
  status: ClientStatus;
}) {
  const partitions = clientPartitions(c.status);
  // Single spaces, as the search prefix is written (client-search.ts).
  const name = (s: string) => lower(s).replace(/\s+/g, ' ');
  return {
    gsi1pk: partitions.byLastName,
    gsi1sk: `${name(c.lastName)} ${name(c.firstName)}#${c.id}`,
    gsi2pk: partitions.byFirstName,
    gsi2sk: `${name(c.firstName)} ${name(c.lastName)}#${c.id}`,
  };
}

/** Item layouts, so that stores and the local seed write the same shape. */
export const items = {
  userProfile: <T extends { sub: string; role: string; displayName: string }>(p: T) => ({
    ...keys.user(p.sub),
    gsi1pk: 'USERS',
    gsi1sk: `${lower(p.displayName)}#${p.sub}`,
    ...p,
  }),
  /** Clients are found by last-name prefix (gsi1) or first-name prefix (gsi2). */
  client: <T extends { id: string; lastName: string; firstName: string; status: ClientStatus }>(
    c: T,
  ) => ({
    ...keys.client(c.id),
    ...clientIndexKeys(c),
    ...c,
  }),
  /** Items that find a client by email, phone or date of birth, written in the client's transactions. */
  clientFinders: (c: { id: string; status: ClientStatus } & Partial<Record<FinderField, string>>) =>
    (['email', 'phone', 'dateOfBirth'] as const).flatMap((field) => {
      const value = c[field];
      return value ? [{ ...keys.clientFinder(c.status, field, value, c.id), clientId: c.id }] : [];
    }),
  contact: <T extends { id: string; displayName: string }>(c: T) => ({
    ...keys.contact(c.id),
    gsi1pk: 'CONTACTS',
    gsi1sk: `${lower(c.displayName)}#${c.id}`,
    ...c,
  }),
  /** A contact-to-client link; gsi1 reads it from the contact's side. */
  contactLink: (clientId: string, contactId: string) => ({
    ...keys.contactLink(clientId, contactId),
    gsi1pk: `CONTACT#${contactId}`,
    gsi1sk: `CLIENT#${clientId}`,
    clientId,
    contactId,
  }),
  appointment: <T extends { id: string; providerId: string; clientId: string; startsAt: string }>(
    a: T,
  ) => ({
    ...keys.appointment(a.id),
    gsi1pk: keys.providerSchedule(a.providerId),
    gsi1sk: a.startsAt,
    gsi2pk: `CLIENT#${a.clientId}`,
    gsi2sk: a.startsAt,
    ...a,
  }),
  room: <T extends { id: string; title: string }>(r: T) => ({
    ...keys.room(r.id),
    gsi1pk: 'ROOMS',
    gsi1sk: `${lower(r.title)}#${r.id}`,
    ...r,
  }),
};
