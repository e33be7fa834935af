import { randomInt } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { accessTokenFor } from './auth';
import { stack } from './local-stack';

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field.
type Body = any;

export interface ApiResponse<T = Body> {
  status: number;
  body: T;
}

const tokens = new Map<string, Promise<string>>();

/**
 * Where a test's caller is on the network. People are on machines of their own: each signed-in
 * person has a loopback address of their own, and guests (anonymous calls) take turns over a
 * pool of 64,000 (127.1.0.1–127.1.255.250), as a clinic's guests come from many places; each
 * test file starts at a random place in it, as files run one after another within a minute. So the per-client limits of public
 * routes meet only the tests that are about them (tests/integration/limits), which choose
 * their addresses themselves.
 */
const addressOf = (email: string | undefined): string => {
  if (!email) {
    const n = anonymousTurn++ % 64_000;
    return `127.1.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  }
  let hash = 0;
  for (const char of email) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `127.0.${2 + (hash % 200)}.${1 + ((hash >>> 8) % 250)}`;
};
let anonymousTurn = randomInt(0, 64_000);

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
    const response = await requestFrom(
      addressOf(email),
      method,
      path,
      body,
      bearer ? { authorization: `Bearer ${bearer}`, ...headers } : headers,
    );
    return { status: response.status, body: response.body as T };
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

/**
 * A request from another loopback address (127.0.0.2, …): the gateway sees it as another client,
 * as CloudFront would report a viewer elsewhere. For per-client limits.
 */
export function requestFrom(
  address: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; retryAfter: string | undefined; body: Body }> {
  const url = new URL(`${stack().url}/api${path}`);
  const payload =
    body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        localAddress: address,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // Not JSON: keep the text.
          }
          const retryAfter = response.headers['retry-after'];
          resolve({
            status: response.statusCode ?? 0,
            retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
            body: parsed,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
