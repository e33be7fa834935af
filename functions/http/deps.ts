import { randomUUID } from 'node:crypto';
import { chimeMeetings } from '../adapters/chime-meetings';
import { cognitoAccounts } from '../adapters/cognito-accounts';
import { dynamoAppointmentStore } from '../adapters/dynamodb/appointment-store';
import { dynamoAuditLog } from '../adapters/dynamodb/audit-log';
import { dynamoClientDirectory, dynamoClientStore } from '../adapters/dynamodb/client-store';
import { dynamoContactStore } from '../adapters/dynamodb/contact-store';
import { dynamoInviteeStore } from '../adapters/dynamodb/invitee-store';
import { dynamoLinkStore } from '../adapters/dynamodb/link-store';
import { dynamoParticipantTokens } from '../adapters/dynamodb/participant-tokens';
import { dynamoProfileStore } from '../adapters/dynamodb/profile-store';
import { dynamoRoomStore } from '../adapters/dynamodb/room-store';
import { dynamoSettingsStore } from '../adapters/dynamodb/settings-store';
import { dynamoSignupStore } from '../adapters/dynamodb/signup-store';
import { dynamoUserDirectory } from '../adapters/dynamodb/user-directory';
import { dynamoVisitStore } from '../adapters/dynamodb/visit-store';
import { realtimeNotifier } from '../adapters/realtime-notifier';
import { sesMailer } from '../adapters/ses-mailer';
import { snsSms } from '../adapters/sns-sms';
import { appUrl } from '../platform/app-url';
import { clock } from '../platform/clock';
import { env } from '../platform/env';
import { linkSecret } from '../platform/secrets';
import { completeAppointment } from '../scheduling/booking';

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
  invitationsOf: (contactId: string) => dynamoInviteeStore.forContact(contactId),
  async visitOf(appointmentId: string) {
    const visit = await dynamoVisitStore.get(appointmentId);
    return (
      visit && { status: visit.status, ...(visit.startedAt ? { startedAt: visit.startedAt } : {}) }
    );
  },
};

export const invitationDeps = {
  ...common,
  appointments: dynamoAppointmentStore,
  clients: dynamoClientStore,
  contacts: dynamoContactStore,
  rooms: dynamoRoomStore,
  users: dynamoUserDirectory,
  settings: dynamoSettingsStore,
  invitees: dynamoInviteeStore,
  links: dynamoLinkStore,
  signups: dynamoSignupStore,
  mailer: sesMailer,
  sms: snsSms,
  accounts: cognitoAccounts,
  profiles: dynamoProfileStore,
  audit: dynamoAuditLog,
  dialInNumber: env.dialInNumber,
};

export const visitDeps = {
  ...common,
  visits: dynamoVisitStore,
  meetings: chimeMeetings,
  tokens: dynamoParticipantTokens,
  notify: realtimeNotifier,
  audit: dynamoAuditLog,
  appointments: dynamoAppointmentStore,
  rooms: dynamoRoomStore,
  clients: dynamoClientStore,
  users: dynamoUserDirectory,
  settings: dynamoSettingsStore,
  invitees: dynamoInviteeStore,
  links: dynamoLinkStore,
  completeAppointment: (appointmentId: string) =>
    completeAppointment(appointmentId, { appointments: dynamoAppointmentStore, now: clock.now }),
};

export const accountsDeps = {
  ...common,
  users: dynamoUserDirectory,
  profiles: dynamoProfileStore,
  accounts: cognitoAccounts,
  mailer: sesMailer,
  settings: dynamoSettingsStore,
};
