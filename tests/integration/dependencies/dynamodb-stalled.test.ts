import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { apiAs } from '../../helpers/api';
import { stack } from '../../helpers/local-stack';

/** Stops DynamoDB Local's process (it keeps its sockets open, answers nothing) until resumed. */
function stall() {
  process.kill(stack().pids.dynamodb, 'SIGSTOP');
  return { resume: () => process.kill(stack().pids.dynamodb, 'SIGCONT') };
}

let stalled: ReturnType<typeof stall> | undefined;
afterEach(() => {
  stalled?.resume();
  stalled = undefined;
});

/** A request with the test's own bound: well past our 5 s, well before the gateway's 30 s. */
async function timed(path: string, init: RequestInit = {}) {
  const response = await fetch(`${stack().url}/api${path}`, {
    ...init,
    signal: AbortSignal.timeout(20_000),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { error?: { code: string; message: string } },
  };
}

const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 100; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('never settled');
};

describe('DynamoDB stalled', () => {
  it('signed-in, public and guest routes answer 503 service.unavailable with Retry-After, and work again once it resumes', async () => {
    // Prepare: a token before the stall (signing in is Cognito's, not DynamoDB's).
    const frontDesk = apiAs('frontdesk@demo.test');
    expect((await frontDesk.get('/visits')).status).toBe(200);
    const bearer = {
      authorization: `Bearer ${await (await import('../../helpers/auth')).accessTokenFor('frontdesk@demo.test')}`,
    };
    // Act
    stalled = stall();
    const answers = await Promise.all([
      timed('/visits', { headers: bearer }),
      timed(`/join/${randomBytes(32).toString('base64url')}`),
      timed('/schedule?from=2026-01-01T00:00:00.000Z&to=2026-01-02T00:00:00.000Z', {
        headers: bearer,
      }),
    ]);
    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toMatch(/^\d+$/);
      expect(answer.body.error?.code).toBe('service.unavailable');
    }
    stalled.resume();
    stalled = undefined;
    await until(async () => (await frontDesk.get('/visits')).status === 200);
  });
});
