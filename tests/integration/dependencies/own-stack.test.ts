import { randomBytes } from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserIn } from '../../helpers/auth';
import { localCredentials } from '../../helpers/local-stack';
import { type StackInfo, startStackProcess } from '../../helpers/stack-process';

/**
 * Failures that need a stack of their own, without the demo clinic: a fresh instance meeting a
 * stalled KMS (the shared stack's functions, and the seed, have used the link secret already),
 * and DynamoDB killed outright (connections refused; the shared one must keep its data for the
 * other tests).
 */
let own: Awaited<ReturnType<typeof startStackProcess>>;
let info: StackInfo;

beforeAll(async () => {
  own = await startStackProcess({ buildWeb: false, seed: false });
  info = own.info;
}, 150_000);
afterAll(async () => {
  await own?.stop();
});

async function ask(path: string, init: RequestInit = {}) {
  const response = await fetch(`${info.url}/api${path}`, {
    ...init,
    signal: AbortSignal.timeout(20_000),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** A provider of the unseeded clinic, signed in: their access token. */
async function signedInProvider(): Promise<string> {
  const region = 'us-east-1';
  const credentials = localCredentials;
  const cognito = new CognitoIdentityProviderClient({
    region,
    endpoint: info.motoUrl,
    credentials,
  });
  const dynamodb = new DynamoDBClient({ region, endpoint: info.dynamoUrl, credentials });
  const user = await createUserIn(
    {
      cognito,
      documents: DynamoDBDocumentClient.from(dynamodb),
      userPoolId: info.userPoolId,
      appointmentsTable: info.tables.TABLE_APPOINTMENTS,
    },
    'provider',
    { teletherapy: true },
  );
  const signedIn = await cognito.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: info.userPoolClientId,
      AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
    }),
  );
  return signedIn.AuthenticationResult?.AccessToken ?? '';
}

describe('KMS stalled when an instance first needs the link secret', () => {
  it('making a room answers 503 service.unavailable, makes nothing, and works once KMS answers again', async () => {
    // Prepare: signed in, and the gateway has the pool's keys (a first request).
    const token = await signedInProvider();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await ask('/rooms', { headers })).body).toMatchObject({ rooms: [] });
    // Act: moto serves KMS here; stopped, it answers nothing.
    process.kill(info.pids.moto, 'SIGSTOP');
    let answer: Awaited<ReturnType<typeof ask>>;
    try {
      answer = await ask('/rooms', {
        method: 'POST',
        headers,
        body: JSON.stringify({ title: 'Walk-in' }),
      });
    } finally {
      process.kill(info.pids.moto, 'SIGCONT');
    }
    // Assess
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toMatch(/^\d+$/);
    expect(answer.body).toMatchObject({ error: { code: 'service.unavailable' } });
    expect((await ask('/rooms', { headers })).body).toMatchObject({ rooms: [] });
    // The failure was not kept: the next request derives the secret and makes the room.
    const made = await ask('/rooms', {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Walk-in' }),
    });
    expect(made.status).toBe(201);
    expect(made.body.url).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
  });
});

describe('DynamoDB gone', () => {
  it('answers 503 service.unavailable (never 500) on every kind of route, and health says dynamodb is down', async () => {
    const token = randomBytes(32).toString('base64url');
    expect((await ask(`/join/${token}`)).status).toBe(404);
    // Act
    process.kill(info.pids.dynamodb, 'SIGKILL');
    const answers = await Promise.all([
      ask(`/join/${token}`),
      ask(`/join/${token}/knock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ firstName: 'Ada', lastName: 'Lovelace' }),
      }),
      ask('/visits/4a1c7a1e-0000-4000-8000-000000000000/me', {
        headers: { 'x-participant-token': token },
      }),
    ]);
    const health = await ask('/health');
    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toMatch(/^\d+$/);
      expect(answer.body).toEqual({
        error: { code: 'service.unavailable', message: expect.any(String) },
      });
    }
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'down', components: { dynamodb: 'down' } });
  });
});
