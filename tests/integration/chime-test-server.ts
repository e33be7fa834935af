import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { createMeetingsPlane } from '../../functions/local/chime/meetings-plane';
import type { ServerMessage } from '../../functions/local/media/protocol';

/**
 * A server that mounts only the Chime emulator and the media signalling, the way the gateway
 * does (`/_chime/*`, WebSocket upgrades on `/_media`, `GET|POST /_local/clock { offsetMs }`),
 * for tests that need settings the shared stack does not have, such as a fast heartbeat. Its
 * fields match those of `stack()` in tests/helpers/local-stack.ts.
 */
export async function startChimeTestServer(options: { heartbeatMs?: number } = {}) {
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mediaUrl = `${url.replace(/^http/, 'ws')}/_media`;
  const plane = createMeetingsPlane({ region: 'us-east-1', mediaUrl, now, ...options });

  server.on('request', async (req, res) => {
    const path = new URL(req.url ?? '/', url).pathname;
    if (path.startsWith('/_chime/')) {
      await plane.handle(req, res, (req.url ?? '').slice('/_chime'.length));
      return;
    }
    if (path === '/_local/clock') {
      let text = '';
      for await (const chunk of req) text += String(chunk);
      if (req.method === 'POST') offsetMs = (JSON.parse(text) as { offsetMs: number }).offsetMs;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ now: new Date(now()).toISOString(), offsetMs }));
      return;
    }
    res.writeHead(404).end();
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', url).pathname;
    if (path === '/_media') plane.handleMediaUpgrade(req, socket, head);
    else socket.destroy();
  });
  server.unref();

  return {
    url,
    chimeEndpoint: `${url}/_chime`,
    mediaUrl,
    async setClockOffset(offset: number) {
      const response = await fetch(`${url}/_local/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ offsetMs: offset }),
      });
      if (!response.ok) throw new Error(`clock answered ${response.status}`);
    },
    async close() {
      plane.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** How a signalling socket closed. */
export interface Closed {
  code: number;
  reason: string;
}

/**
 * A browser stand-in on the signalling socket: collects what the server sends so a test can
 * wait for the next message of a type, and for the close.
 */
export class TestPeer {
  readonly socket: WebSocket;
  readonly received: ServerMessage[] = [];
  readonly closed: Promise<Closed>;
  private waiters: Array<() => void> = [];

  private constructor(url: string, options: WebSocket.ClientOptions) {
    this.socket = new WebSocket(url, options);
    this.socket.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as ServerMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) =>
      this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Opens a socket; resolves once the upgrade is done (the server may still close it). */
  static async connect(url: string, options: WebSocket.ClientOptions = {}): Promise<TestPeer> {
    const peer = new TestPeer(url, options);
    await new Promise<void>((resolve, reject) => {
      peer.socket.once('open', () => resolve());
      peer.socket.once('error', reject);
    });
    return peer;
  }

  /** Takes the first not-yet-taken message of this type, waiting for it if need be. */
  async next<T extends ServerMessage['type']>(
    type: T,
    timeoutMs = 3_000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex((message) => message.type === type);
      if (index >= 0) {
        const [message] = this.received.splice(index, 1);
        return message as Extract<ServerMessage, { type: T }>;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.received.map((m) => m.type).join(', ');
        throw new Error(`no '${type}' message within ${timeoutMs} ms (have: ${seen || 'none'})`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async close(): Promise<Closed> {
    this.socket.close();
    return this.closed;
  }
}
