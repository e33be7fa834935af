import { randomUUID } from 'node:crypto';
import { cognitoAccounts } from '../adapters/cognito-accounts';
import { dynamoAppointmentStore } from '../adapters/dynamodb/appointment-store';
import { dynamoClientDirectory, dynamoClientStore } from '../adapters/dynamodb/client-store';
import { dynamoContactStore } from '../adapters/dynamodb/contact-store';
import { dynamoLinkStore } from '../adapters/dynamodb/link-store';
import { dynamoProfileStore } from '../adapters/dynamodb/profile-store';
import { dynamoRoomStore } from '../adapters/dynamodb/room-store';
import { dynamoSettingsStore } from '../adapters/dynamodb/settings-store';
import { dynamoUserDirectory } from '../adapters/dynamodb/user-directory';
import { sesMailer } from '../adapters/ses-mailer';
import { clock } from '../platform/clock';
import { appUrl } from '../platform/app-url';
import { linkSecret } from '../platform/secrets';

/**
 * The composition root: the one place where domain ports meet their AWS adapters. Each Lambda
 * imports what its app needs from here.
 */
export const common = {
  now: clock.now,
  newId: () => randomUUID(),
  appUrl,
  linkSecret,
};

export const schedulingDeps = {
  ...common,
  appointments: dynamoAppointmentStore,
  clients: dynamoClientStore,
  clientNames: dynamoClientDirectory,
  contacts: dynamoContactStore,
  rooms: dynamoRoomStore,
  users: dynamoUserDirectory,
  settings: dynamoSettingsStore,
  linkHashesOf: (appointmentId: string) => dynamoLinkStore.hashesForAppointment(appointmentId),
};

export const accountsDeps = {
  ...common,
  users: dynamoUserDirectory,
  profiles: dynamoProfileStore,
  accounts: cognitoAccounts,
  mailer: sesMailer,
  settings: dynamoSettingsStore,
};
