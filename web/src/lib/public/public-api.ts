import { absolute, loadConfig } from '../config';

/**
 * Calls for pages that anyone with a link may open (join, portal sign-up). They carry no
 * sign-in token, so they use `fetch` and leave the staff client, which pulls in the session
 * and its Cognito code, out of these pages' first download.
 */
export type PublicAnswer<T> =
  | { ok: true; status: number; body: T }
  | {
      ok: false;
      status: number;
      code: string;
      message: string;
      /** A 400's message per field, keyed as the API names them (`firstName`, `phone`). */
      fields: Record<string, string>;
    };

/** What a page says when the request never reached the server (status 0). */
export const unreachable = 'The server could not be reached. Check your connection and try again.';

export async function publicApi<T>(
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<PublicAnswer<T>> {
  let response: Response;
  try {
    const config = await loadConfig();
    response = await fetch(absolute(`${config.apiUrl}${path}`), {
      method: init.method ?? 'GET',
      ...(init.body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
    });
  } catch {
    return { ok: false, status: 0, code: 'network', message: unreachable, fields: {} };
  }
  const body = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; fields?: Record<string, string> };
  };
  if (response.ok) return { ok: true, status: response.status, body: body as T };
  return {
    ok: false,
    status: response.status,
    code: body.error?.code ?? 'unknown',
    message: body.error?.message ?? `The server answered ${response.status}. Please try again.`,
    fields: body.error?.fields ?? {},
  };
}
