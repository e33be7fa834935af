/**
 * Whether an error means a service we depend on is down, stalled, refusing connections or busy
 * (rather than our request being wrong): a timeout, a refused or reset connection, a 5xx, or a
 * throttle that outlasted the SDK's retries. Such a failure is answered 503 with Retry-After,
 * never 500. Read from the error's shape only, so this file needs no AWS SDK.
 */
const busyOrDown = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ServiceFailureException',
  'InternalServerError',
  'InternalServerException',
  'InternalFailure',
  'TransactionInProgressException',
  'AbortError',
]);

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  CancellationReasons?: { Code?: unknown }[];
  cause?: unknown;
  errors?: unknown[];
}

export function isDependencyFailure(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const e = error as ErrorShape;
  if (typeof e.name === 'string' && busyOrDown.has(e.name)) return true;
  if (typeof e.code === 'string' && networkCodes.has(e.code)) return true;
  if (e.$fault === 'server') return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return true;
  // A transaction refused because DynamoDB was throttling one of its items.
  if (e.CancellationReasons?.some((r) => r.Code === 'ThrottlingError')) return true;
  // Node wraps connection failures (AggregateError of each address tried, or a cause).
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDependencyFailure(inner, depth + 1)))
    return true;
  return isDependencyFailure(e.cause, depth + 1);
}

/** How long a client should wait before trying again after a dependency failure. */
export const dependencyRetryAfterSeconds = 5;
