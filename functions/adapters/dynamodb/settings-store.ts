import { documents, GetCommand, TransactWriteCommand } from '../../platform/aws/dynamodb';
import { cacheTtlMs, ttlCache } from '../../platform/ttl-cache';
import {
  type ClinicSettings,
  defaultClinicSettings,
  type SettingsStore,
} from '../../scheduling/clinic';
import { auditPut } from './audit-log';
import { updateExpression } from './helpers';
import { keys, tables, withoutKeys } from './tables';

/** The clinic's one settings item; missing fields fall back to the defaults. */
export const dynamoSettingsStore: SettingsStore = {
  async get() {
    const result = await documents().send(
      new GetCommand({ TableName: tables.appointments(), Key: keys.clinicSettings() }),
    );
    return {
      name: 'Clinic',
      updatedAt: '',
      ...defaultClinicSettings,
      ...(result.Item ? withoutKeys<Partial<ClinicSettings>>(result.Item) : {}),
    };
  },
  async update(patch, updatedAt, audit = []) {
    settings.forget();
    // The change and its audit entry in one transaction; then the settings as they now are.
    await documents().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tables.appointments(),
              Key: keys.clinicSettings(),
              ...updateExpression({ ...patch, updatedAt }),
            },
          },
          ...audit.map(auditPut),
        ],
      }),
    );
    settings.forget();
    return dynamoSettingsStore.get();
  },
};

const settings = ttlCache(cacheTtlMs, (_: 'clinic') => dynamoSettingsStore.get());

/**
 * The clinic settings as the hot paths read them: at most once per 10 s per instance. A change
 * takes effect on the instance that made it at once, elsewhere within 10 s.
 */
export const cachedSettingsStore: SettingsStore = {
  get: () => settings.get('clinic'),
  update: (patch, updatedAt, audit) => dynamoSettingsStore.update(patch, updatedAt, audit),
};
