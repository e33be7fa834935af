import { cognitoAccounts } from '../../adapters/cognito-accounts';
import { dynamoAppointmentStore } from '../../adapters/dynamodb/appointment-store';
import { dynamoAuditLog } from '../../adapters/dynamodb/audit-log';
import { dynamoClientStore } from '../../adapters/dynamodb/client-store';
import { dynamoContactStore } from '../../adapters/dynamodb/contact-store';
import { dynamoInviteeStore } from '../../adapters/dynamodb/invitee-store';
import { dynamoLinkStore } from '../../adapters/dynamodb/link-store';
import { dynamoProfileStore } from '../../adapters/dynamodb/profile-store';
import { dynamoRoomStore } from '../../adapters/dynamodb/room-store';
import { cachedSettingsStore } from '../../adapters/dynamodb/settings-store';
import { dynamoSignupStore } from '../../adapters/dynamodb/signup-store';
import { cachedUserDirectory, nameDirectory } from '../../adapters/dynamodb/user-directory';
import { sesMailer } from '../../adapters/ses-mailer';
import { snsSms } from '../../adapters/sns-sms';
import { appUrl } from '../../platform/app-url';
import { env } from '../../platform/env';
import { linkSecret } from '../../platform/secrets';
import { common } from './common';

/** The invitations function's composition root: DynamoDB, SES, SNS, Cognito and KMS. */
export const invitationDeps = {
  ...common,
  appUrl,
  linkSecret,
  appointments: dynamoAppointmentStore,
  clients: dynamoClientStore,
  contacts: dynamoContactStore,
  rooms: dynamoRoomStore,
  users: cachedUserDirectory,
  names: nameDirectory,
  settings: cachedSettingsStore,
  invitees: dynamoInviteeStore,
  links: dynamoLinkStore,
  signups: dynamoSignupStore,
  mailer: sesMailer,
  sms: snsSms,
  accounts: cognitoAccounts,
  profiles: dynamoProfileStore,
  audit: dynamoAuditLog,
  dialInNumber: env.dialInNumber,
  mailFrom: env.mailFrom,
};
