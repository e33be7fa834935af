import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { dependencyRetryAfterSeconds, isDependencyFailure } from '../platform/dependency-errors';
import { AppError, type ErrorKind } from '../platform/errors';
import { logger } from '../platform/logger';

/** The only place where error kinds become HTTP status codes. */
const statusByKind: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  too_many: 429,
  unavailable: 503,
};

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

export function errorBody(
  code: string,
  message: string,
  fields?: Record<string, string>,
): ErrorBody {
  return { error: fields ? { code, message, fields } : { code, message } };
}

export function statusFor(kind: ErrorKind): ContentfulStatusCode {
  return statusByKind[kind];
}

/** Turns anything thrown by a route into the project's one error shape. */
export function mapError(error: unknown, c: Context): Response {
  if (error instanceof AppError) {
    if (error.retryAfterSeconds !== undefined)
      c.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    return c.json(errorBody(error.code, error.message, error.fields), statusByKind[error.kind]);
  }
  if (isDependencyFailure(error)) {
    // A stalled, refused or overloaded service: plain and fast, never a 500. Logged by name only.
    logger.warn('dependency unavailable', {
      route: c.req.routePath,
      errorName: error instanceof Error ? error.name : typeof error,
    });
    c.header('retry-after', String(dependencyRetryAfterSeconds));
    return c.json(
      errorBody(
        'service.unavailable',
        'The service is busy or cannot be reached right now. Please try again in a moment.',
      ),
      503,
    );
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code =
      status === 415
        ? 'request.unsupported_media_type'
        : status === 413
          ? 'request.too_large'
          : 'request.malformed';
    return c.json(errorBody(code, error.message || 'The request could not be read.'), status);
  }
  const requestId = c.env?.lambdaContext?.awsRequestId ?? c.req.header('x-request-id') ?? 'unknown';
  logger.error('unexpected error', {
    requestId,
    route: c.req.routePath,
    errorName: error instanceof Error ? error.name : typeof error,
    error: error instanceof Error ? error : undefined,
  });
  return c.json(
    errorBody('internal', `Something went wrong on our side. Reference: ${requestId}`),
    500,
  );
}
