import type { ServerMessage } from '../../../../functions/realtime/connections';
import type { VisitMessage } from '../../../../functions/visits/messages';
import { absolute, loadConfig } from '../config';

/** Everything the server may push: visit news, and answers to our own messages. */
export type RealtimeMessage = VisitMessage | ServerMessage;

/** Who is connecting: a signed-in person (Cognito access token) or a visit participant. */
export type RealtimeCredential = { token: string } | { participant: string };

export interface RealtimeOptions {
  /** Asked before every (re)connect, so an access token refreshed meanwhile is used. */
  credential: () => Promise<RealtimeCredential | null>;
  onmessage: (message: RealtimeMessage) => void;
  /**
   * Called on every successful connect. Pushes sent while we were away are lost, so after a
   * reconnect the page must read the state from the API again (events are only hints).
   */
  onopen?: (reconnected: boolean) => void;
  /** Whether the socket is live; pages poll the API while it is not. */
  onstatus?: (live: boolean) => void;
}

const backoffMs = [1_000, 2_000, 4_000, 8_000, 15_000];
// API Gateway drops a WebSocket after 10 idle minutes: a ping every few minutes keeps it.
const pingEveryMs = 4 * 60_000;

/**
 * The one WebSocket a page keeps to the realtime API: reconnects with backoff (and jitter, so a
 * clinic's browsers do not all come back in the same second) until `stop()`.
 */
export class RealtimeSocket {
  #socket: WebSocket | null = null;
  #attempt = 0;
  #connectedOnce = false;
  #stopped = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #ping: ReturnType<typeof setInterval> | undefined;
  readonly #options: RealtimeOptions;

  constructor(options: RealtimeOptions) {
    this.#options = options;
  }

  get live(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  start(): this {
    void this.#connect();
    return this;
  }

  /** Sends an action (`watch`, `ping`); false when the socket is down (the caller re-sends on open). */
  send(message: { action: 'ping' } | { action: 'watch' | 'unwatch'; visitId: string }): boolean {
    if (!this.live) return false;
    this.#socket?.send(JSON.stringify(message));
    return true;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retry);
    clearInterval(this.#ping);
    this.#socket?.close(1000, 'page closed');
    this.#socket = null;
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    let url: string;
    try {
      const [config, credential] = await Promise.all([loadConfig(), this.#options.credential()]);
      if (!credential) return this.#scheduleRetry();
      const query =
        'token' in credential
          ? `token=${encodeURIComponent(credential.token)}`
          : `participant=${encodeURIComponent(credential.participant)}`;
      url = `${absolute(config.wsUrl, 'ws')}?${query}`;
    } catch {
      return this.#scheduleRetry();
    }
    if (this.#stopped) return;
    const socket = new WebSocket(url);
    this.#socket = socket;
    socket.onopen = () => {
      const reconnected = this.#connectedOnce;
      this.#connectedOnce = true;
      this.#attempt = 0;
      this.#options.onstatus?.(true);
      this.#options.onopen?.(reconnected);
      clearInterval(this.#ping);
      this.#ping = setInterval(() => this.send({ action: 'ping' }), pingEveryMs);
    };
    socket.onmessage = (event) => {
      try {
        this.#options.onmessage(JSON.parse(String(event.data)) as RealtimeMessage);
      } catch {
        // Not JSON: nothing we sent for, so nothing to act on.
      }
    };
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      clearInterval(this.#ping);
      this.#options.onstatus?.(false);
      this.#scheduleRetry();
    };
  }

  #scheduleRetry(): void {
    if (this.#stopped) return;
    const base = backoffMs[Math.min(this.#attempt, backoffMs.length - 1)] ?? 15_000;
    this.#attempt += 1;
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => void this.#connect(), base * (0.75 + Math.random() * 0.5));
  }
}
