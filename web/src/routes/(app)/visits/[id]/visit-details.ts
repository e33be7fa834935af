import { formatDateTime, formatTime } from '$lib/time/format';
import { presenceOf } from '$lib/visit/presence';
import type { HostVisit, Participant } from '$lib/visit/types';

/** "3:05 PM" today, with the day for anything else (a visit can run past midnight). */
export function when(iso: string | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toDateString() === new Date().toDateString()
    ? formatTime(iso)
    : formatDateTime(iso);
}

/** When the person's time in the visit ended, and how: left, removed, denied. */
export function endedNote(p: Participant): string {
  if (!p.endedAt) return '—';
  const how = { left: 'left', removed: 'removed', denied: 'denied', waiting: '', admitted: '' }[
    p.state
  ];
  return how ? `${when(p.endedAt)} (${how})` : when(p.endedAt);
}

/** People in the order they came; the provider first. */
export function peopleOf(visit: HostVisit): Participant[] {
  return [...visit.participants].sort((a, b) =>
    a.kind === 'provider' ? -1 : b.kind === 'provider' ? 1 : a.knockedAt.localeCompare(b.knockedAt),
  );
}

export function summary(visit: HostVisit): string {
  const inCall = visit.participants.filter((p) => presenceOf(p) === 'in-call').length;
  const waiting = visit.participants.filter((p) => p.state === 'waiting').length;
  if (visit.status === 'ended') return `Ended ${when(visit.endedAt)}`;
  if (!visit.startedAt) return `Not started · ${waiting} waiting`;
  return `Started ${when(visit.startedAt)} · ${inCall} in the call · ${waiting} waiting`;
}
