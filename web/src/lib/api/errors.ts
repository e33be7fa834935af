import { ApiError } from './client';

/** What a person should read when a request failed: the API's own message when it gave one. */
export function messageOf(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message;
  // fetch rejects with a TypeError when the network is down; say so plainly.
  if (error instanceof TypeError) return 'The server could not be reached. Check your connection.';
  return fallback;
}

/** Per-field messages of a 400, keyed as the API names them (`email`, `videoOption.title`). */
export function fieldsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError && error.status === 400 ? error.fields : {};
}

/**
 * A form's state after a failed save: field messages go beside their inputs; the banner
 * carries the message only when no field explains the problem, so it is never said twice.
 */
export function formFailure(
  error: unknown,
  fallback: string,
): { banner: string | null; fields: Record<string, string> } {
  const fields = fieldsOf(error);
  const banner = Object.keys(fields).length > 0 ? null : messageOf(error, fallback);
  return { banner, fields };
}
