import { session } from '../auth/session.svelte';
import { absolute, loadConfig } from '../config';

/** The API's one error shape, plus what API Gateway itself answers (401 `{ message }`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; fields?: Record<string, string> };
    message?: string;
  };
  if (body.error) {
    return new ApiError(
      response.status,
      body.error.code ?? 'unknown',
      body.error.message ?? 'Request failed',
      body.error.fields,
    );
  }
  if (response.status === 401)
    return new ApiError(401, 'auth.required', 'Your session has ended. Please sign in again.');
  return new ApiError(
    response.status,
    'unknown',
    body.message ?? `The server answered ${response.status}.`,
  );
}

/** Calls the API as the signed-in person; refreshes the session once if the token is stale. */
export async function api<T>(path: string, init: RequestInit = {}, retried = false): Promise<T> {
  const config = await loadConfig();
  const token = await session.accessToken();
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const response = await fetch(absolute(`${config.apiUrl}${path}`), { ...init, headers });
  // A refused token: refresh it once. No token at all (the session was being restored or
  // renewed as the call left): ask again once it is there. Only a refused token ends it.
  if (
    response.status === 401 &&
    !retried &&
    (token ? await session.refreshNow() : session.signedIn)
  )
    return api<T>(path, init, true);
  if (response.status === 401) {
    if (token) await session.end('expired');
    throw await errorFrom(response);
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
