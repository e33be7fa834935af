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

/**
 * Pushes are hints and can be lost: pages read the state again every 15 s while the socket is
 * live, every 5 s while it is down, and at once when the tab is shown again or the network
 * comes back.
 */
export function reconcile(
  isLive: () => boolean,
  refresh: () => void,
  everyMs = { live: 15_000, down: 5_000 },
): () => void {
  let last = Date.now();
  const timer = setInterval(() => {
    const due = isLive() ? everyMs.live : everyMs.down;
    if (Date.now() - last >= due) {
      last = Date.now();
      refresh();
    }
  }, 1_000);
  const wake = () => {
    if (document.visibilityState !== 'visible') return;
    last = Date.now();
    refresh();
  };
  document.addEventListener('visibilitychange', wake);
  window.addEventListener('online', wake);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', wake);
    window.removeEventListener('online', wake);
  };
}
