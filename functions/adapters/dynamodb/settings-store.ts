import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documents } from '../../platform/aws/dynamodb';
import {
  type ClinicSettings,
  defaultClinicSettings,
  type SettingsStore,
} from '../../scheduling/clinic';
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
  async update(patch, updatedAt) {
    const result = await documents().send(
      new UpdateCommand({
        TableName: tables.appointments(),
        Key: keys.clinicSettings(),
        ...updateExpression({ ...patch, updatedAt }),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { ...defaultClinicSettings, ...withoutKeys<ClinicSettings>(result.Attributes ?? {}) };
  },
};
