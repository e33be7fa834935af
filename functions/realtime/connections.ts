/**
 * A live WebSocket connection and who holds it. API Gateway closes a connection after two hours
 * at most, so records expire shortly after that even if $disconnect never arrives.
 */
export interface Connection {
  connectionId: string;
  sub: string;
  connectedAt: string;
  expiresAt: number;
}

export const connectionLifetimeSeconds = 2 * 60 * 60 + 5 * 60;

/** Port: where connections are kept. */
export interface ConnectionStore {
  add(connection: Connection): Promise<void>;
  remove(connectionId: string): Promise<void>;
  get(connectionId: string): Promise<Connection | undefined>;
  listForUser(sub: string, nowSeconds: number): Promise<Connection[]>;
}

/** Port: sends a message to one connection; 'gone' when the connection has closed. */
export interface Pusher {
  post(connectionId: string, message: unknown): Promise<'sent' | 'gone'>;
}

/** Messages the server sends over the WebSocket. Events are hints; the API holds the state. */
export type ServerMessage =
  | { type: 'pong'; at: string }
  | { type: 'error'; code: string; message: string };

/** Sends to every live connection of a person, forgetting connections that have closed. */
export async function pushToUser(
  sub: string,
  message: ServerMessage,
  ports: { connections: ConnectionStore; pusher: Pusher },
  nowSeconds: number,
): Promise<number> {
  const live = await ports.connections.listForUser(sub, nowSeconds);
  let sent = 0;
  await Promise.all(
    live.map(async (c) => {
      if ((await ports.pusher.post(c.connectionId, message)) === 'sent') sent += 1;
      else await ports.connections.remove(c.connectionId);
    }),
  );
  return sent;
}
