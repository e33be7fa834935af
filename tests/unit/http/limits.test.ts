import { describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/http/app';
import {
  addressLimits,
  type LimitCounts,
  limitRequests,
  provideRateCounter,
  type RateCounter,
} from '../../../functions/http/limits';
import { notFound } from '../../../functions/platform/errors';

/** Counts kept in memory, standing in for the DynamoDB counters of the adapter. */
function counting() {
  const requests = new Map<string, number>();
  const failures = new Map<string, number>();
  const add = (map: Map<string, number>, key: string) => {
    map.set(key, (map.get(key) ?? 0) + 1);
    return map.get(key) ?? 0;
  };
  const counter: RateCounter = {
    async hit(scope, address, credential, minute): Promise<LimitCounts> {
      return {
        address: {
          requests: add(requests, `${minute}:${address}`),
          failures: failures.get(`${minute}:${address}`) ?? 0,
        },
        ...(credential ? { credential: add(requests, `${minute}:${scope}:${credential}`) } : {}),
      };
    },
    async fail(address, minute) {
      add(failures, `${minute}:${address}`);
    },
  };
  provideRateCounter(async () => counter);
  return { failures };
}

function app(check: 'parallel' | 'before', effects: string[], answer404 = false) {
  const limited = createApp();
  limited.use(
    '/x/:token',
    limitRequests({
      scope: 'test',
      perCredential: 2,
      credential: (c) => c.req.param('token'),
      check,
    }),
  );
  limited.post('/x/:token', (c) => {
    effects.push('written');
    if (answer404) throw notFound('link.unknown', 'No.');
    return c.json({ ok: true });
  });
  return limited;
}

const from = (address: string) => ({ method: 'POST', headers: { 'x-televisit-client': address } });

describe('per-client limits', () => {
  it('checks a writing route before it writes: over the limit nothing happens, 429 with Retry-After', async () => {
    counting();
    const effects: string[] = [];
    const limited = app('before', effects);
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await limited.request('/x/t1', from('10.0.0.1')));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(effects).toHaveLength(2);
    expect(Number(answers[2]?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await answers[2]?.json()).toMatchObject({ error: { code: 'limit.reached' } });
  });

  it('replaces a read-only answer with 429 when the limit was reached meanwhile', async () => {
    counting();
    const effects: string[] = [];
    const limited = app('parallel', effects);
    await limited.request('/x/t2', from('10.0.0.2'));
    await limited.request('/x/t2', from('10.0.0.2'));
    expect((await limited.request('/x/t2', from('10.0.0.2'))).status).toBe(429);
  });

  it('counts an unknown credential as a failure of the address, and refuses the address after 30', async () => {
    const { failures } = counting();
    const effects: string[] = [];
    const guessing = app('before', effects, true);
    const statuses: number[] = [];
    for (let i = 0; i < addressLimits.failures + 2; i += 1)
      statuses.push((await guessing.request(`/x/guess${i}`, from('10.0.0.3'))).status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(addressLimits.failures);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    expect([...failures.values()].reduce((a, b) => a + b, 0)).toBe(addressLimits.failures);
  });

  it('counts health and the API document in memory: 120 a minute per address', async () => {
    const limited = createApp();
    limited.use(
      '/h',
      limitRequests({ scope: 'platform', check: 'before', inMemory: { perAddress: 120 } }),
    );
    limited.get('/h', (c) => c.json({ ok: true }));
    const statuses: number[] = [];
    for (let i = 0; i < 121; i += 1)
      statuses.push(
        (await limited.request('/h', { headers: { 'x-televisit-client': '10.0.0.4' } })).status,
      );
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses[120]).toBe(429);
    expect(
      (await limited.request('/h', { headers: { 'x-televisit-client': '10.0.0.5' } })).status,
    ).toBe(200);
  });
});
