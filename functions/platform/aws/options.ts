import type { Pluggable } from '@smithy/types';
import { recordCall } from '../call-trace';
import { env } from '../env';

type EndpointService = Parameters<typeof env.endpoint>[0];
type Service = EndpointService | 'connections';

/**
 * How long one attempt at a service may take, and how many attempts a call makes. Every budget
 * fits inside 5 seconds (connection + attempts × request, plus the SDK's short backoff), so a
 * stalled or refused dependency becomes a plain 503 well before the function's own timeout and
 * API Gateway's 30 seconds; nothing waits on a dead socket. Chime's attempts also absorb its
 * ThrottlingException with the SDK's jittered backoff (the pacer keeps us under its rate).
 */
export const callBudgets: Record<
  Service,
  { connectionTimeoutMs: number; requestTimeoutMs: number; maxAttempts: number }
> = {
  dynamodb: { connectionTimeoutMs: 1_000, requestTimeoutMs: 1_500, maxAttempts: 2 },
  chime: { connectionTimeoutMs: 1_000, requestTimeoutMs: 1_200, maxAttempts: 3 },
  voice: { connectionTimeoutMs: 1_000, requestTimeoutMs: 1_500, maxAttempts: 2 },
  cognito: { connectionTimeoutMs: 1_000, requestTimeoutMs: 1_800, maxAttempts: 2 },
  ses: { connectionTimeoutMs: 1_000, requestTimeoutMs: 1_800, maxAttempts: 2 },
  sns: { connectionTimeoutMs: 1_000, requestTimeoutMs: 1_800, maxAttempts: 2 },
  kms: { connectionTimeoutMs: 1_000, requestTimeoutMs: 1_800, maxAttempts: 2 },
  ssm: { connectionTimeoutMs: 1_000, requestTimeoutMs: 1_800, maxAttempts: 2 },
  connections: { connectionTimeoutMs: 1_000, requestTimeoutMs: 1_500, maxAttempts: 2 },
};

/** The longest a call to `service` can take before it fails, backoff included (for docs and tests). */
export function worstCaseMs(service: Service): number {
  const b = callBudgets[service];
  // The SDK's standard backoff waits at most 20 s × 2^n, jittered; for these few attempts it
  // stays under 100 ms × 2^n. Counted generously.
  const backoff = Array.from({ length: b.maxAttempts - 1 }, (_, n) => 100 * 2 ** (n + 1));
  return (
    b.maxAttempts * (b.connectionTimeoutMs + b.requestTimeoutMs) +
    backoff.reduce((s, x) => s + x, 0)
  );
}

/**
 * Region, endpoint override (the only difference between AWS and the local stack), timeouts
 * and retries for a client of `service`.
 */
export function clientOptions(service: EndpointService): ReturnType<typeof optionsFor>;
export function clientOptions(
  service: 'connections',
  endpoint: string,
): ReturnType<typeof optionsFor>;
export function clientOptions(service: Service, endpoint?: string) {
  return optionsFor(service, service === 'connections' ? endpoint : env.endpoint(service));
}

function optionsFor(service: Service, endpoint: string | undefined) {
  const budget = callBudgets[service];
  return {
    region: env.region(),
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: budget.maxAttempts,
    requestHandler: {
      connectionTimeout: budget.connectionTimeoutMs,
      requestTimeout: budget.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  };
}

/**
 * Notes each call (with its retries) in the active call trace, if any: see call-trace.ts.
 * Added at the start of the stack, so one call is one entry however many attempts it took.
 */
export function traced<I extends object, O extends object>(service: string): Pluggable<I, O> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => (args) =>
          recordCall(
            service,
            String(context.commandName ?? 'unknown').replace(/Command$/, ''),
            () => next(args),
          ),
        { step: 'initialize', priority: 'high', name: 'televisitCallTrace' },
      );
    },
  };
}

/** Makes a value once, on first use (a client per instance, reused by every request). */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}
