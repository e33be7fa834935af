import { api } from '../api/client';
import type { Client, ClientSearchPage } from '../api/types';
import { formatBirthDate, typedBirthDate } from './birth-date';

/**
 * A page of clients whose first or last name starts with `q`, or whose email, phone number or
 * date of birth is `q` (every client by last name when empty). A POST, so that what was typed
 * never appears in a URL; a date typed as the app shows dates is sent as YYYY-MM-DD.
 */
export async function searchClients(
  q: string,
  options: { includeArchived?: boolean; cursor?: string | undefined; limit?: number } = {},
): Promise<ClientSearchPage> {
  const text = q.trim();
  return api<ClientSearchPage>('/clients/search', {
    method: 'POST',
    body: JSON.stringify({
      q: typedBirthDate(text) ?? text,
      ...(options.includeArchived ? { includeArchived: true } : {}),
      ...(options.cursor ? { cursor: options.cursor } : {}),
      ...(options.limit ? { limit: options.limit } : {}),
    }),
  });
}

export const searchPlaceholder = 'Name, date of birth, email or phone';

/** "Pat Rivera · born 4/12/1986" so two clients of the same name can be told apart. */
export function clientLabel(c: Client): string {
  return c.dateOfBirth
    ? `${c.displayName} · born ${formatBirthDate(c.dateOfBirth)}`
    : c.displayName;
}
