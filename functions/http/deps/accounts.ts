import { cognitoAccounts } from '../../adapters/cognito-accounts';
import { dynamoAuditLog } from '../../adapters/dynamodb/audit-log';
import { dynamoProfileStore } from '../../adapters/dynamodb/profile-store';
import { dynamoSettingsStore } from '../../adapters/dynamodb/settings-store';
import { dynamoUserDirectory } from '../../adapters/dynamodb/user-directory';
import { sesMailer } from '../../adapters/ses-mailer';
import { appUrl } from '../../platform/app-url';
import { common } from './common';

/**
 * The accounts function's composition root: DynamoDB (and the audit trail), Cognito and SES. It reads profiles and
 * settings fresh (not cached): it is where they change.
 */
export const accountsDeps = {
  ...common,
  appUrl,
  users: dynamoUserDirectory,
  profiles: dynamoProfileStore,
  accounts: cognitoAccounts,
  mailer: sesMailer,
  settings: dynamoSettingsStore,
  audit: dynamoAuditLog,
};
