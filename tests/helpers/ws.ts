import WebSocket from 'ws';

/** Opens a WebSocket; resolves when open, rejects with the HTTP status when refused. */
export function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) =>
      reject(Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode })),
    );
    socket.once('error', reject);
  });
}

/** The next message on a socket that satisfies `match`, parsed as JSON. */
export function nextMessage<T = Record<string, unknown>>(
  socket: WebSocket,
  match: (m: T) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('message', onMessage);
      reject(new Error('no matching message'));
    }, timeoutMs);
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as T;
      if (!match(message)) return;
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve(message);
    };
    socket.on('message', onMessage);
  });
}

export function closed(socket: WebSocket): Promise<{ code: number }> {
  return new Promise((resolve) => {
    if (socket.readyState === socket.CLOSED) resolve({ code: 1006 });
    else socket.once('close', (code) => resolve({ code }));
  });
}
