import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

/** One AWS call made while serving a request: which, and when it started and ended (ms). */
export interface TracedCall {
  service: string;
  operation: string;
  start: number;
  end: number;
}

/**
 * The AWS calls of one unit of work (an API request, a stream batch), collected by a middleware
 * on every SDK client while a trace is active. The local gateway opens one around each handler
 * it invokes and reports the count with the answer, so the benchmark can hold each action to its
 * budget of round trips. With no trace active the middleware does nothing.
 */
interface Trace {
  calls: TracedCall[];
  /** Called as each call is about to be sent (the local stack's fault injection uses it). */
  before?: (service: string, operation: string) => void;
}

const active = new AsyncLocalStorage<Trace>();

export function traceCalls<T>(
  work: () => Promise<T>,
  before?: Trace['before'],
): Promise<{ result: T; calls: TracedCall[] }>;
export async function traceCalls<T>(work: () => Promise<T>, before?: Trace['before']) {
  const calls: TracedCall[] = [];
  const result = await active.run({ calls, ...(before ? { before } : {}) }, work);
  return { result, calls };
}

/** Records one call if a trace is active; `send` is the call itself. */
export async function recordCall<T>(
  service: string,
  operation: string,
  send: () => Promise<T>,
): Promise<T> {
  const trace = active.getStore();
  if (!trace) return send();
  const { calls } = trace;
  trace.before?.(service, operation);
  const start = performance.now();
  try {
    return await send();
  } finally {
    calls.push({ service, operation, start, end: performance.now() });
  }
}

/**
 * How many calls had to wait for another to finish: the longest chain of calls each of which
 * started after the previous one ended. Calls made in parallel count once.
 */
export function sequentialDepth(calls: readonly TracedCall[]): number {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  let deepest = 0;
  for (const [i, call] of sorted.entries()) {
    let before = 0;
    for (let j = 0; j < i; j += 1) {
      const earlier = sorted[j];
      if (earlier && earlier.end <= call.start) before = Math.max(before, depth[j] ?? 0);
    }
    depth[i] = before + 1;
    deepest = Math.max(deepest, before + 1);
  }
  return deepest;
}
