import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { temporaryPassword } from '../accounts/passwords';
import { type AccountDirectory, AccountExistsError } from '../accounts/ports';
import { cognito } from '../platform/aws/cognito';
import { env } from '../platform/env';

/**
 * Accounts in the Cognito user pool. Cognito's own invitation email is suppressed: the clinic's
 * message (with the temporary password) goes out through SES instead, so it can say more.
 */
export const cognitoAccounts: AccountDirectory = {
  async create(email, role, temporaryPassword) {
    try {
      const created = await cognito().send(
        new AdminCreateUserCommand({
          UserPoolId: env.userPoolId(),
          Username: email,
          TemporaryPassword: temporaryPassword,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
      const sub = created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
      if (!sub) throw new Error('Cognito returned no sub');
      await cognito().send(
        new AdminAddUserToGroupCommand({
          UserPoolId: env.userPoolId(),
          Username: email,
          GroupName: role,
        }),
      );
      return sub;
    } catch (error) {
      if (error instanceof UsernameExistsException) throw new AccountExistsError(error.message);
      throw error;
    }
  },
  async createWithPassword(email, role, password) {
    // Created with a throwaway temporary password, then set to the chosen one as permanent.
    const sub = await this.create(email, role, temporaryPassword());
    await cognito().send(
      new AdminSetUserPasswordCommand({
        UserPoolId: env.userPoolId(),
        Username: email,
        Password: password,
        Permanent: true,
      }),
    );
    return sub;
  },
  async setRole(email, from, to) {
    await cognito().send(
      new AdminAddUserToGroupCommand({
        UserPoolId: env.userPoolId(),
        Username: email,
        GroupName: to,
      }),
    );
    await cognito().send(
      new AdminRemoveUserFromGroupCommand({
        UserPoolId: env.userPoolId(),
        Username: email,
        GroupName: from,
      }),
    );
  },
  async setEnabled(email, enabled) {
    const input = { UserPoolId: env.userPoolId(), Username: email };
    await cognito().send(
      enabled ? new AdminEnableUserCommand(input) : new AdminDisableUserCommand(input),
    );
  },
  async setTemporaryPassword(email, temporaryPassword) {
    await cognito().send(
      new AdminSetUserPasswordCommand({
        UserPoolId: env.userPoolId(),
        Username: email,
        Password: temporaryPassword,
        Permanent: false,
      }),
    );
  },
};
