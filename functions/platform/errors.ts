/**
 * The one error type of the project. Every expected failure has a stable `code` (for example
 * `visit.full`, `link.expired`) and a `kind`; the HTTP layer maps kinds to status codes in
 * exactly one place (functions/http/error-mapper.ts). Domain code throws these and nothing else.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'too_many'
  | 'unavailable';

export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: string,
    message: string,
    readonly kind: ErrorKind,
    readonly fields?: Record<string, string>,
    options?: ErrorOptions & { retryAfterSeconds?: number },
  ) {
    super(message, options);
    if (options?.retryAfterSeconds !== undefined)
      this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** For `too_many` and `unavailable`: when to try again (sent as Retry-After). */
  readonly retryAfterSeconds?: number;
}

export const invalid = (code: string, message: string, fields?: Record<string, string>) =>
  new AppError(code, message, 'invalid', fields);
export const unauthenticated = (message = 'Sign in to continue.') =>
  new AppError('auth.required', message, 'unauthenticated');
export const forbidden = (code: string, message: string) =>
  new AppError(code, message, 'forbidden');
export const notFound = (code: string, message: string) => new AppError(code, message, 'not_found');
export const conflict = (code: string, message: string) => new AppError(code, message, 'conflict');
export const gone = (code: string, message: string) => new AppError(code, message, 'gone');

/** A limit was reached (429): try again after `retryAfterSeconds`. */
export const tooMany = (code: string, message: string, retryAfterSeconds: number) =>
  new AppError(code, message, 'too_many', undefined, { retryAfterSeconds });

/** Something we depend on cannot serve this now (503): try again after `retryAfterSeconds`. */
export const unavailable = (code: string, message: string, retryAfterSeconds: number) =>
  new AppError(code, message, 'unavailable', undefined, { retryAfterSeconds });
