import { randomUUID } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { items } from '../../functions/adapters/dynamodb/tables';
import type { Role } from '../../functions/identity/actor';
import { localClients } from './aws';
import { stack } from './local-stack';

export const demoPassword = 'Demo-Password-1';

/** Signs in through the real Cognito flow (moto) and returns the access token. */
export async function accessTokenFor(email: string, password = demoPassword): Promise<string> {
  const result = await localClients().cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: stack().userPoolClientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const token = result.AuthenticationResult?.AccessToken;
  if (!token)
    throw new Error(`No token for ${email} (challenge ${result.ChallengeName ?? 'none'})`);
  return token;
}

export interface TestUser {
  email: string;
  sub: string;
  password: string;
}

/** Where a person is made: a user pool and the appointments table, with clients for both. */
export interface UserTarget {
  cognito: CognitoIdentityProviderClient;
  documents: DynamoDBDocumentClient;
  userPoolId: string;
  appointmentsTable: string | undefined;
}

export interface UserOptions {
  temporary?: boolean;
  displayName?: string;
  teletherapy?: boolean;
  profile?: Record<string, unknown>;
  email?: string;
}

/**
 * A new person of the clinic: a Cognito account in the role's group and a profile. With
 * `temporary`, the account has only a temporary password, as an invited person's does.
 */
export async function createUser(role: Role, options: UserOptions = {}): Promise<TestUser> {
  const { cognito, documents } = localClients();
  const s = stack();
  return createUserIn(
    {
      cognito,
      documents,
      userPoolId: s.userPoolId,
      appointmentsTable: s.tables.TABLE_APPOINTMENTS,
    },
    role,
    options,
  );
}

/** `createUser` against any stack (the benchmarks make their own). */
export async function createUserIn(
  target: UserTarget,
  role: Role,
  options: UserOptions = {},
): Promise<TestUser> {
  const { cognito, documents, userPoolId } = target;
  const email = options.email ?? `${role}-${randomUUID().slice(0, 8)}@test.example`;
  const password = options.temporary ? `Temp-${randomUUID().slice(0, 8)}-Aa1!` : demoPassword;
  const created = await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: email,
      TemporaryPassword: password,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  const sub = created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
  if (!sub) throw new Error('no sub');
  if (!options.temporary) {
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: email,
        Password: password,
        Permanent: true,
      }),
    );
  }
  await cognito.send(
    new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: role }),
  );
  const now = new Date().toISOString();
  await documents.send(
    new PutCommand({
      TableName: target.appointmentsTable,
      Item: items.userProfile({
        sub,
        email,
        role,
        displayName: options.displayName ?? `Test ${role}`,
        teletherapy: options.teletherapy ?? false,
        status: 'active',
        createdAt: now,
        updatedAt: now,
        ...options.profile,
      }),
    }),
  );
  return { email, sub, password };
}
