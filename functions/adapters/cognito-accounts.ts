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
    const { client, sdk } = await cognito();
    try {
      const created = await client.send(
        new sdk.AdminCreateUserCommand({
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
      await client.send(
        new sdk.AdminAddUserToGroupCommand({
          UserPoolId: env.userPoolId(),
          Username: email,
          GroupName: role,
        }),
      );
      return sub;
    } catch (error) {
      if (error instanceof sdk.UsernameExistsException) throw new AccountExistsError(error.message);
      throw error;
    }
  },
  async createWithPassword(email, role, password) {
    // Created with a throwaway temporary password, then set to the chosen one as permanent.
    const sub = await this.create(email, role, temporaryPassword());
    const { client, sdk } = await cognito();
    await client.send(
      new sdk.AdminSetUserPasswordCommand({
        UserPoolId: env.userPoolId(),
        Username: email,
        Password: password,
        Permanent: true,
      }),
    );
    return sub;
  },
  async setRole(email, from, to) {
    const { client, sdk } = await cognito();
    const user = { UserPoolId: env.userPoolId(), Username: email };
    await client.send(new sdk.AdminAddUserToGroupCommand({ ...user, GroupName: to }));
    await client.send(new sdk.AdminRemoveUserFromGroupCommand({ ...user, GroupName: from }));
  },
  async setEnabled(email, enabled) {
    const { client, sdk } = await cognito();
    const input = { UserPoolId: env.userPoolId(), Username: email };
    if (enabled) await client.send(new sdk.AdminEnableUserCommand(input));
    else await client.send(new sdk.AdminDisableUserCommand(input));
  },
  async setTemporaryPassword(email, temporaryPassword) {
    const { client, sdk } = await cognito();
    await client.send(
      new sdk.AdminSetUserPasswordCommand({
        UserPoolId: env.userPoolId(),
        Username: email,
        Password: temporaryPassword,
        Permanent: false,
      }),
    );
  },
  async subOf(email) {
    const { client, sdk } = await cognito();
    try {
      const user = await client.send(
        new sdk.AdminGetUserCommand({ UserPoolId: env.userPoolId(), Username: email }),
      );
      return user.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
    } catch (error) {
      if (error instanceof sdk.UserNotFoundException) return undefined;
      throw error;
    }
  },
  async finish(email, role, password, permanent) {
    const { client, sdk } = await cognito();
    const user = { UserPoolId: env.userPoolId(), Username: email };
    // Both are idempotent: adding to a group twice, or setting the same password again.
    await client.send(new sdk.AdminAddUserToGroupCommand({ ...user, GroupName: role }));
    await client.send(
      new sdk.AdminSetUserPasswordCommand({ ...user, Password: password, Permanent: permanent }),
    );
  },
};
