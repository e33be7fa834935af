import type { ServerResponse } from 'node:http';

/**
 * The exceptions of the Chime SDK meetings API, with the HTTP status each one carries in the
 * API model (dist-cjs of @aws-sdk/client-chime-sdk-meetings, `registerError`). The SDK picks
 * the exception class from the `x-amzn-ErrorType` header, so the names must match exactly.
 */
const statusOf = {
  BadRequestException: 400,
  LimitExceededException: 400,
  UnauthorizedException: 401,
  ForbiddenException: 403,
  NotFoundException: 404,
  ConflictException: 409,
  ThrottlingException: 429,
  ServiceFailureException: 500,
  ServiceUnavailableException: 503,
  /** Not a Chime exception: AWS's answer to a method and path no operation has. */
  UnknownOperationException: 404,
} as const;

export type ChimeErrorName = keyof typeof statusOf;

/**
 * A failure the emulator reports to the caller exactly as Chime would. This is a wire-level
 * stand-in for an AWS service, so it carries AWS's error names rather than the project's
 * `AppError` codes (those belong to Televisit's own API).
 */
export class ChimeServiceError extends Error {
  override readonly name = 'ChimeServiceError';
  readonly status: number;

  constructor(
    readonly code: ChimeErrorName,
    message: string,
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

export const badRequest = (message: string) =>
  new ChimeServiceError('BadRequestException', message);
export const notFound = (message: string) => new ChimeServiceError('NotFoundException', message);
export const limitExceeded = (message: string) =>
  new ChimeServiceError('LimitExceededException', message);
export const unknownOperation = (method: string, path: string) =>
  new ChimeServiceError('UnknownOperationException', `No operation answers ${method} ${path}.`);
export const throttled = () =>
  new ChimeServiceError('ThrottlingException', 'The request was denied due to request throttling.');

/**
 * Writes the restJson error form the SDK parses: status, `x-amzn-ErrorType`, and a body with
 * `Code`, `Message` and `RequestId` (the members every Chime exception declares).
 */
export function sendChimeError(
  res: ServerResponse,
  error: ChimeServiceError,
  requestId: string,
): void {
  const body = JSON.stringify({ Code: error.code, Message: error.message, RequestId: requestId });
  res.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': error.code,
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}
