import type { JoinState } from '$lib/api/types';
import { formatDateTime, formatTime } from '$lib/time/format';

/**
 * How far the clinic's clock is ahead of this browser's, from the server's time in a response
 * and when the request went out and came back: the midpoint is the best guess of the instant
 * the server read its clock. Join opens by the clinic's clock, whatever the device says.
 */
export function clockOffset(serverTime: string, sentAt: number, receivedAt: number): number {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return 0;
  return server - (sentAt + receivedAt) / 2;
}

export interface JoinButton {
  enabled: boolean;
  /** Why it is disabled, or how long is left; shown beside the button. */
  note: string;
}

/** Reasons the time alone cannot change: the server's word stands. */
const final = new Set(['not-video', 'cancelled', 'completed']);

/**
 * Whether Join is open at `nowMs` (clinic clock): from `opensAt` until `closesAt`. Re-run every
 * few seconds, so the button opens by itself when the launch window starts.
 */
export function joinButton(join: JoinState, nowMs: number): JoinButton {
  if (join.reason && final.has(join.reason)) {
    return { enabled: false, note: join.message ?? 'This session cannot be joined.' };
  }
  const opens = Date.parse(join.opensAt);
  const closes = Date.parse(join.closesAt);
  if (nowMs < opens) {
    return { enabled: false, note: `Join opens at ${opensLabel(join.opensAt, nowMs)}.` };
  }
  if (nowMs >= closes) return { enabled: false, note: 'This session has ended.' };
  return { enabled: true, note: `Open until ${formatTime(join.closesAt)}.` };
}

/** "10:45 AM" today, or "Tue, Nov 24, 10:45 AM" on another day. */
function opensLabel(iso: string, nowMs: number): string {
  const sameDay = new Date(iso).toDateString() === new Date(nowMs).toDateString();
  return sameDay ? formatTime(iso) : formatDateTime(iso);
}
