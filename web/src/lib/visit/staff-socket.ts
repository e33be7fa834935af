import { session } from '../auth/session.svelte';
import { type RealtimeMessage, RealtimeSocket } from '../realtime/socket';

/**
 * A signed-in staff member's news about visits. Every visit message is a hint to re-read the
 * state; so is every (re)connect, since pushes sent while the socket was down are lost.
 */
export function staffSocket(options: {
  /** Called for every visit message (and once per connect, with null). */
  onnews: (message: RealtimeMessage | null) => void;
  onstatus: (live: boolean) => void;
  /** Visits to `watch` (visit-details pages): re-sent on every connect. */
  watch?: () => readonly string[];
}): RealtimeSocket {
  const socket: RealtimeSocket = new RealtimeSocket({
    credential: async () => {
      const token = await session.accessToken();
      return token ? { token } : null;
    },
    onopen: () => {
      for (const visitId of options.watch?.() ?? []) socket.send({ action: 'watch', visitId });
      options.onnews(null);
    },
    onstatus: options.onstatus,
    onmessage: (message) => {
      if (!['pong', 'watching', 'unwatching'].includes(message.type)) options.onnews(message);
    },
  });
  return socket.start();
}

/** While the socket is down, pages read the state every few seconds instead. */
export function pollWhileDown(isLive: () => boolean, refresh: () => void, everyMs: number) {
  const timer = setInterval(() => {
    if (!isLive()) refresh();
  }, everyMs);
  return () => clearInterval(timer);
}
