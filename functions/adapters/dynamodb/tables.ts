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
