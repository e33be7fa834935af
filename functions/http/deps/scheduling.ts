import { dynamoAppointmentStore } from '../../adapters/dynamodb/appointment-store';
import { dynamoClientDirectory, dynamoClientStore } from '../../adapters/dynamodb/client-store';
import { dynamoContactStore } from '../../adapters/dynamodb/contact-store';
import { dynamoInviteeStore } from '../../adapters/dynamodb/invitee-store';
import { dynamoRoomStore } from '../../adapters/dynamodb/room-store';
import { cachedSettingsStore } from '../../adapters/dynamodb/settings-store';
import { cachedUserDirectory } from '../../adapters/dynamodb/user-directory';
import { dynamoVisitStore } from '../../adapters/dynamodb/visit-store';
import { appUrl } from '../../platform/app-url';
import { linkSecret } from '../../platform/secrets';
import { common } from './common';

/** The scheduling function's composition root: DynamoDB, and KMS for the link secret. */
export const schedulingDeps = {
  ...common,
  appUrl,
  linkSecret,
  appointments: dynamoAppointmentStore,
  clients: dynamoClientStore,
  clientNames: dynamoClientDirectory,
  contacts: dynamoContactStore,
  rooms: dynamoRoomStore,
  users: cachedUserDirectory,
  settings: cachedSettingsStore,
  invitationsOf: (contactId: string) => dynamoInviteeStore.forContact(contactId),
  async visitOf(appointmentId: string) {
    const visit = await dynamoVisitStore.get(appointmentId);
    return (
      visit && { status: visit.status, ...(visit.startedAt ? { startedAt: visit.startedAt } : {}) }
    );
  },
};
