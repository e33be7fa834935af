/**
 * A live WebSocket connection and who holds it: a signed-in person, or a visit participant
 * (by their participant token). API Gateway closes a connection after two hours at most, so
 * records expire shortly after that even if $disconnect never arrives.
 */
export interface Connection {
  connectionId: string;
  /** Set for a signed-in person. */
  sub?: string;
  /** Set for a participant who connected with their participant token. */
  participantId?: string;
  visitId?: string;
  connectedAt: string;
  expiresAt: number;
}

export const connectionLifetimeSeconds = 2 * 60 * 60 + 5 * 60;

/** Whom a push is for: a person (all their tabs), a participant, or the staff watching a visit. */
export type Audience = { user: string } | { participant: string } | { watchers: string };

/** Port: where connections are kept. */
export interface ConnectionStore {
  add(connection: Connection): Promise<void>;
  remove(connectionId: string): Promise<void>;
  get(connectionId: string): Promise<Connection | undefined>;
  listFor(audience: Audience, nowSeconds: number): Promise<string[]>;
  /** Subscribes a connection to a visit's changes (a staff page watching it). */
  watch(visitId: string, connectionId: string, expiresAt: number): Promise<void>;
  unwatch(visitId: string, connectionId: string): Promise<void>;
}

/** Port: sends a message to one connection; 'gone' when the connection has closed. */
export interface Pusher {
  post(connectionId: string, message: unknown): Promise<'sent' | 'gone'>;
}

/** Messages the server sends over the WebSocket besides visit events. */
export type ServerMessage =
  | { type: 'pong'; at: string }
  | { type: 'watching'; visitId: string }
  | { type: 'unwatching'; visitId: string }
  | { type: 'error'; code: string; message: string };

/** Sends to every live connection of an audience, forgetting connections that have closed. */
export async function pushTo(
  audience: Audience,
  message: unknown,
  ports: { connections: ConnectionStore; pusher: Pusher },
  nowSeconds: number,
): Promise<number> {
  const live = await ports.connections.listFor(audience, nowSeconds);
  let sent = 0;
  await Promise.all(
    live.map(async (connectionId) => {
      if ((await ports.pusher.post(connectionId, message)) === 'sent') sent += 1;
      else if ('watchers' in audience)
        await ports.connections.unwatch(audience.watchers, connectionId);
      else await ports.connections.remove(connectionId);
    }),
  );
  return sent;
}
