import { api } from '../api/client';
import type { Client } from '../api/types';

/** Clients whose first or last name starts with `q` (every active client when empty). */
export async function searchClients(q: string, includeArchived = false): Promise<Client[]> {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  if (includeArchived) params.set('includeArchived', 'true');
  const query = params.toString();
  const { clients } = await api<{ clients: Client[] }>(`/clients${query ? `?${query}` : ''}`);
  return clients;
}

/**
 * Runs the latest search only, a moment after typing stops, and drops answers that arrive
 * after a newer search was started (a slow "p" must not overwrite "pat").
 */
export function debouncedSearch(
  run: (q: string) => Promise<Client[]>,
  show: (clients: Client[] | Error) => void,
  delayMs = 200,
): (q: string) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  return (q: string) => {
    clearTimeout(timer);
    const ticket = ++latest;
    timer = setTimeout(() => {
      run(q).then(
        (clients) => ticket === latest && show(clients),
        (error: unknown) =>
          ticket === latest && show(error instanceof Error ? error : new Error(String(error))),
      );
    }, delayMs);
  };
}

/** "Pat Rivera · born 1985-04-12" so two clients of the same name can be told apart. */
export function clientLabel(c: Client): string {
  return c.dateOfBirth ? `${c.displayName} · born ${c.dateOfBirth}` : c.displayName;
}
