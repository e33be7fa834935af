import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessTokenFor } from '../helpers/auth';
import { localClients } from '../helpers/aws';
import { stack } from '../helpers/local-stack';
import { decodePayload, motoSigner, strangerSigner } from '../helpers/tokens';

const me = (authorization?: string) =>
  fetch(`${stack().url}/api/me`, { headers: authorization ? { authorization } : {} });

describe('the JWT authorizer on routes that need a login', () => {
  let valid: string;
  beforeAll(async () => {
    valid = await accessTokenFor('dr.lee@demo.test');
  });

  it('lets a valid access token through, with or without "Bearer "', async () => {
    expect((await me(`Bearer ${valid}`)).status).toBe(200);
    expect((await me(valid)).status).toBe(200);
  });

  it('refuses a request without a token, as API Gateway does', async () => {
    const response = await me();
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
  });

  it('refuses a token that is not a JWT', async () => {
    expect((await me('Bearer not-a-token')).status).toBe(401);
  });

  it('refuses an expired token, though its signature is right', async () => {
    // Prepare: the same claims as a real token, signed with the pool's key, expired a minute ago.
    const claims = decodePayload(valid);
    const now = Math.floor(Date.now() / 1000);
    const sign = motoSigner();
    const fresh = await sign({ ...claims, iat: now - 3600, exp: now + 600 });
    const expired = await sign({ ...claims, iat: now - 3600, exp: now - 60 });
    // Act / Assess: the fresh copy proves the forged signature is good; the expired one fails.
    expect((await me(`Bearer ${fresh}`)).status).toBe(200);
    expect((await me(`Bearer ${expired}`)).status).toBe(401);
  });

  it('refuses a token signed with another key', async () => {
    const forged = await (await strangerSigner())({ ...decodePayload(valid) });
    expect((await me(`Bearer ${forged}`)).status).toBe(401);
  });

  it('refuses a token that was altered after signing', async () => {
    const [header, , signature] = valid.split('.');
    const payload = Buffer.from(
      JSON.stringify({ ...decodePayload(valid), sub: 'someone-else' }),
    ).toString('base64url');
    expect((await me(`Bearer ${header}.${payload}.${signature}`)).status).toBe(401);
  });

  it('refuses a real token from another user pool, and one issued to another app client', async () => {
    // Prepare: a second pool with its own client and user, and a second client on our pool.
    const { cognito } = localClients();
    const other = await cognito.send(
      new CreateUserPoolCommand({ PoolName: `other-${Date.now()}`, UsernameAttributes: ['email'] }),
    );
    const otherPoolId = other.UserPool?.Id ?? '';
    const otherClient = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: otherPoolId,
        ClientName: 'other',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: otherPoolId,
        Username: 'dr.lee@demo.test',
        MessageAction: 'SUPPRESS',
        TemporaryPassword: 'Temp-Password-1!',
      }),
    );
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: otherPoolId,
        Username: 'dr.lee@demo.test',
        Password: 'Demo-Password-1',
        Permanent: true,
      }),
    );
    const otherPoolToken = (
      await cognito.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: otherClient.UserPoolClient?.ClientId ?? '',
          AuthParameters: { USERNAME: 'dr.lee@demo.test', PASSWORD: 'Demo-Password-1' },
        }),
      )
    ).AuthenticationResult?.AccessToken;
    const secondClient = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: stack().userPoolId,
        ClientName: `second-${Date.now()}`,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const otherClientToken = (
      await cognito.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: secondClient.UserPoolClient?.ClientId ?? '',
          AuthParameters: { USERNAME: 'dr.lee@demo.test', PASSWORD: 'Demo-Password-1' },
        }),
      )
    ).AuthenticationResult?.AccessToken;
    // Act / Assess
    expect(otherPoolToken).toBeTruthy();
    expect(otherClientToken).toBeTruthy();
    expect((await me(`Bearer ${otherPoolToken}`)).status).toBe(401);
    expect((await me(`Bearer ${otherClientToken}`)).status).toBe(401);
  });

  it('never asks for a token on public routes', async () => {
    expect((await fetch(`${stack().url}/api/health`)).status).toBe(200);
    expect((await fetch(`${stack().url}/api/openapi.json`)).status).toBe(200);
  });
});
