import {
  appointmentsTable,
  auditTable,
  connectionsTable,
  guestLinksTable,
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
};

/** Key helpers for the appointments table, so no other file spells a key by hand. */
export const keys = {
  clinicSettings: () => ({ pk: 'CLINIC', sk: 'SETTINGS' }),
  user: (sub: string) => ({ pk: `USER#${sub}`, sk: 'PROFILE' }),
  client: (id: string) => ({ pk: `CLIENT#${id}`, sk: 'PROFILE' }),
  contact: (id: string) => ({ pk: `CONTACT#${id}`, sk: 'PROFILE' }),
  appointment: (id: string) => ({ pk: `APPT#${id}`, sk: 'APPOINTMENT' }),
  providerSchedule: (providerId: string) => `PROVIDER#${providerId}`,
};

/** Strips storage-only attributes (keys, index keys) from an item before it leaves the adapter. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, ...rest } = item;
  return rest as T;
}

/** Item layouts, so that stores and the local seed write the same shape. */
export const items = {
  userProfile: (
    p: { sub: string; role: string; displayName: string } & Record<string, unknown>,
  ) => ({
    ...keys.user(p.sub),
    gsi1pk: 'USERS',
    gsi1sk: `${p.displayName.toLowerCase()}#${p.sub}`,
    ...p,
  }),
  client: (c: { id: string; lastName: string; firstName: string } & Record<string, unknown>) => ({
    ...keys.client(c.id),
    gsi1pk: 'CLIENTS',
    gsi1sk: `${c.lastName.toLowerCase()} ${c.firstName.toLowerCase()}#${c.id}`,
    ...c,
  }),
  appointment: (
    a: { id: string; providerId: string; clientId: string; startsAt: string } & Record<
      string,
      unknown
    >,
  ) => ({
    ...keys.appointment(a.id),
    gsi1pk: keys.providerSchedule(a.providerId),
    gsi1sk: a.startsAt,
    gsi2pk: `CLIENT#${a.clientId}`,
    gsi2sk: a.startsAt,
    ...a,
  }),
};
