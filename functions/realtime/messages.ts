import type { UserDirectory } from '../identity/actor';
import type { VisitStore } from '../visits/ports';
import type { ConnectionStore, ServerMessage } from './connections';
import { connectionLifetimeSeconds } from './connections';

/**
 * What a browser may send over the WebSocket: `ping`, and, for clinic staff, `watch` /
 * `unwatch` a visit (its page then hears of every change, or stops hearing). Each is answered
 * (`pong`, `watching`, `unwatching`, or an error), so a page knows where it stands.
 * Participants only ever hear about themselves and cannot watch anything.
 */
export async function handleMessage(
  connectionId: string,
  body: string | undefined,
  ports: { connections: ConnectionStore; users: UserDirectory; visits: VisitStore },
  now: Date,
): Promise<ServerMessage | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '{}');
  } catch {
    return { type: 'error', code: 'message.invalid', message: 'Messages are JSON.' };
  }
  // `null`, a number or a list is JSON too, but no message.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { type: 'error', code: 'message.invalid', message: 'Messages are JSON objects.' };
  const message = parsed as { action?: unknown; visitId?: unknown };
  if (message.action === 'ping') return { type: 'pong', at: now.toISOString() };
  if (message.action !== 'watch' && message.action !== 'unwatch') {
    return { type: 'error', code: 'message.unknown', message: 'Unknown action.' };
  }
  const visitId = typeof message.visitId === 'string' ? message.visitId : '';
  const connection = await ports.connections.get(connectionId);
  const person = connection?.sub ? await ports.users.get(connection.sub) : undefined;
  const visit = visitId ? await ports.visits.get(visitId) : undefined;
  const staff =
    person?.status === 'active' && ['owner', 'manager', 'staff', 'provider'].includes(person.role);
  const mayWatch =
    staff && visit && (person.role !== 'provider' || visit.providerId === person.sub);
  if (!mayWatch)
    return { type: 'error', code: 'visit.not_found', message: 'There is no such visit to watch.' };
  if (message.action === 'unwatch') {
    await ports.connections.unwatch(visitId, connectionId);
    return { type: 'unwatching', visitId };
  }
  await ports.connections.watch(
    visitId,
    connectionId,
    Math.floor(now.getTime() / 1000) + connectionLifetimeSeconds,
  );
  return { type: 'watching', visitId };
}
