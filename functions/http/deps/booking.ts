import { dynamoAppointmentStore } from '../../adapters/dynamodb/appointment-store';
import {
  cachedBookingSettings,
  dynamoClientFinder,
  dynamoCodeStore,
  dynamoManageLinks,
  dynamoReplays,
} from '../../adapters/dynamodb/booking-store';
import { dynamoClientStore } from '../../adapters/dynamodb/client-store';
import { dynamoRoomStore } from '../../adapters/dynamodb/room-store';
import { cachedSettingsStore } from '../../adapters/dynamodb/settings-store';
import { cachedUserDirectory } from '../../adapters/dynamodb/user-directory';
import { sesMailer } from '../../adapters/ses-mailer';
import type { ManageDeps } from '../../booking/manage';
import { appUrl } from '../../platform/app-url';
import { linkSecret } from '../../platform/secrets';
import { common } from './common';

/** The booking function's composition root: DynamoDB, SES for the codes, KMS for the secret. */
export const bookingDeps = {
  ...common,
  appUrl,
  linkSecret,
  appointments: dynamoAppointmentStore,
  clientFinder: dynamoClientFinder,
  clients: dynamoClientStore,
  rooms: dynamoRoomStore,
  users: cachedUserDirectory,
  settings: cachedSettingsStore,
  bookingSettings: cachedBookingSettings,
  codes: dynamoCodeStore,
  replays: dynamoReplays,
  manageLinks: dynamoManageLinks,
  mailer: sesMailer,
} satisfies ManageDeps & Record<string, unknown>;
