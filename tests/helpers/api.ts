import { accessTokenFor } from './auth';
import { stack } from './local-stack';

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field.
type Body = any;

export interface ApiResponse<T = Body> {
  status: number;
  body: T;
}

const tokens = new Map<string, Promise<string>>();

/** Calls the API over HTTP as a person (or nobody), through the gateway and its authorizer. */
export function apiAs(who: { email: string; password?: string } | string | null) {
  const email = typeof who === 'string' ? who : who?.email;
  const token = () => {
    if (!email) return Promise.resolve(undefined);
    if (!tokens.has(email))
      tokens.set(
        email,
        accessTokenFor(email, typeof who === 'object' && who?.password ? who.password : undefined),
      );
    return tokens.get(email);
  };
  async function call<T = Body>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const bearer = await token();
    const response = await fetch(`${stack().url}/api${path}`, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body: parsed as T };
  }
  return {
    get: <T = Body>(path: string) => call<T>('GET', path),
    post: <T = Body>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, body ?? {}, headers),
    patch: <T = Body>(path: string, body: unknown) => call<T>('PATCH', path, body),
    put: <T = Body>(path: string, body?: unknown) => call<T>('PUT', path, body),
    delete: <T = Body>(path: string) => call<T>('DELETE', path),
    call,
  };
}

/** A time `days` days from now at `hour`:`minute` UTC, as the API takes it. */
export function at(days: number, hour: number, minute = 0): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(hour, minute, 0, 0);
  return d.toISOString();
}

export const plusMinutes = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();
