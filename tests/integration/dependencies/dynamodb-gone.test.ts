import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StackInfo, startStackProcess } from '../../helpers/stack-process';

/**
 * DynamoDB killed outright (connections refused). This file runs its own stack: the shared one
 * must keep its data for the other tests.
 */
let own: Awaited<ReturnType<typeof startStackProcess>>;
let info: StackInfo;

beforeAll(async () => {
  own = await startStackProcess({ buildWeb: false });
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
