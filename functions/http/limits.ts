import type { Context, MiddlewareHandler } from 'hono';
import { clock } from '../platform/clock';
import { tooMany } from '../platform/errors';
import type { ApiEnv } from './env';

/**
 * Per-client limits on public routes, shared by every function instance (counters in DynamoDB,
 * one per key and minute). A request counts against its client address and, where the route
 * carries one, against its credential (a link, sign-up or participant token); an answer that
 * says a presented credential is unknown (401, 404: a guess) also counts as a failure of the
 * address. An expired link (410) is no guess and does not count. Over
 * any limit: 429 `limit.reached` with Retry-After until the minute ends. The figures are in
 * ARCHITECTURE.md (Limits).
 */
export interface LimitPolicy {
  /** Names the counters of the credential: `link`, `participant`, `signup`, `platform`. */
  scope: string;
  /** Requests a minute one credential may make. */
  perCredential?: number;
  /** Where the credential is: a path parameter or the participant header. */
  credential?: (c: Context<ApiEnv>) => string | undefined;
  /**
   * When the limit is checked: `parallel` with a read-only handler (its answer is discarded if
   * the limit was reached); `before` the handler, which writes; `handler` when the handler
   * awaits `c.var.limit` itself before its first write (the knock, so the check costs no round
   * trip of its own).
   */
  check: 'parallel' | 'before' | 'handler';
  /**
   * Counted in the instance's memory instead of DynamoDB: for routes with nothing behind them
   * to protect (health, answered from a 5 s cache; the API document), whose limit must neither
   * cost a write per request nor fail when DynamoDB does (health must be able to say so).
   */
  inMemory?: { perAddress: number };
}

/** Every address's limits, over all public routes together. */
export const addressLimits = {
  /** Requests a minute from one address: a flood stops here, a clinic's waiting room does not. */
  requests: 6000,
  /** Wrong links, tokens or codes a minute from one address before it is refused. */
  failures: 30,
};

export interface LimitCounts {
  address: { requests: number; failures: number };
  credential?: number;
}

/** Port: the shared counters (functions/adapters/dynamodb/rate-limits.ts). */
export interface RateCounter {
  /** Counts one request; answers the counts of this minute, this request included. */
  hit(
    scope: string,
    address: string,
    credential: string | undefined,
    minute: number,
  ): Promise<LimitCounts>;
  /** Counts a failure of the address in this minute. */
  fail(address: string, minute: number): Promise<void>;
}

let counter: (() => Promise<RateCounter>) | undefined;

/** The counter is an adapter: each handler module provides it, like the user directory. */
export function provideRateCounter(load: () => Promise<RateCounter>): void {
  counter = load;
}

const failureStatuses = new Set([401, 404]);

/**
 * The client's address: what CloudFront (or, on one machine, the local gateway in its place)
 * says the viewer's address is, in `x-televisit-client`, which it sets itself on every request;
 * else the connection's source.
 */
export function clientAddress(c: Context<ApiEnv>): string {
  return (
    c.req.header('x-televisit-client') ?? c.env?.event?.requestContext?.http?.sourceIp ?? 'unknown'
  );
}

/** Refuses the request (429) when a count is over its limit. */
function judge(counts: LimitCounts, policy: LimitPolicy, now: number): void {
  const over =
    counts.address.requests > addressLimits.requests ||
    counts.address.failures >= addressLimits.failures ||
    (policy.perCredential !== undefined && (counts.credential ?? 0) > policy.perCredential);
  if (!over) return;
  const retryAfter = Math.max(1, 60 - Math.floor((now % 60_000) / 1000));
  throw tooMany(
    'limit.reached',
    'Too many requests from here. Please wait a minute and try again.',
    retryAfter,
  );
}

/** A per-instance count of requests per address and minute (bounded in size). */
function memoryCounter() {
  const counts = new Map<string, number>();
  return (address: string, minute: number): number => {
    const key = `${minute}:${address}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (counts.size > 10_000) counts.clear();
    return n;
  };
}

/** The middleware of a public route: counts, then refuses, lets through, or counts a failure. */
export function limitRequests(policy: LimitPolicy): MiddlewareHandler<ApiEnv> {
  if (policy.inMemory) {
    const { perAddress } = policy.inMemory;
    const count = memoryCounter();
    return async (c, next) => {
      const now = clock.nowMs();
      const n = count(clientAddress(c), Math.floor(now / 60_000));
      judge({ address: { requests: n > perAddress ? Infinity : 0, failures: 0 } }, policy, now);
      c.set('limit', Promise.resolve());
      await next();
    };
  }
  return async (c, next) => {
    if (!counter) throw new Error('No rate counter was provided');
    const counts = await counter();
    const now = clock.nowMs();
    const minute = Math.floor(now / 60_000);
    const address = clientAddress(c);
    const credential = policy.credential?.(c);
    const check = counts
      .hit(policy.scope, address, credential, minute)
      .then((found) => judge(found, policy, now));
    check.catch(() => undefined); // awaited below; never unhandled
    c.set('limit', check);
    if (policy.check === 'before') await check;
    await next();
    await check;
    if (credential && failureStatuses.has(c.res.status)) await counts.fail(address, minute);
  };
}
