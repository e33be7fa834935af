import { formatDateTime, formatTime } from '$lib/time/format';
import { type Presence, presenceOf } from '$lib/visit/presence';
import type { HostVisit, Participant } from '$lib/visit/types';

/** "3:05 PM" today, with the day for anything else (a visit can run past midnight). */
export function when(iso: string | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toDateString() === new Date().toDateString()
    ? formatTime(iso)
    : formatDateTime(iso);
}

/** When the person's time in the visit ended, and how: left, removed, denied. */
export function endedNote(p: Pick<Participant, 'endedAt' | 'state'>): string {
  if (!p.endedAt) return '—';
  const how = { left: 'left', removed: 'removed', denied: 'denied', waiting: '', admitted: '' }[
    p.state
  ];
  return how ? `${when(p.endedAt)} (${how})` : when(p.endedAt);
}

/** One row of the details: one stint of one person (knocked, let in, left), the last one live. */
export interface StintRow {
  key: string;
  participant: Participant;
  knockedAt: string;
  admittedAt?: string;
  endedAt?: string;
  state: Participant['state'];
  presence: Presence;
  /** Their latest stint, the one whose "Now" is live. */
  current: boolean;
}

const firstCame = (p: Participant) => p.earlier?.[0]?.knockedAt ?? p.knockedAt;

/** People in the order they first came, the provider first; each of their stints in order. */
export function rowsOf(visit: HostVisit): StintRow[] {
  const people = [...visit.participants].sort((a, b) =>
    a.kind === 'provider'
      ? -1
      : b.kind === 'provider'
        ? 1
        : firstCame(a).localeCompare(firstCame(b)),
  );
  return people.flatMap((p) => [
    ...(p.earlier ?? []).map((stint, i) => ({
      key: `${p.participantId}:${i}`,
      participant: p,
      ...stint,
      presence: stint.state,
      current: false,
    })),
    {
      key: p.participantId,
      participant: p,
      knockedAt: p.knockedAt,
      ...(p.admittedAt ? { admittedAt: p.admittedAt } : {}),
      ...(p.endedAt ? { endedAt: p.endedAt } : {}),
      state: p.state,
      presence: presenceOf(p),
      current: true,
    },
  ]);
}

export function summary(visit: HostVisit): string {
  const inCall = visit.participants.filter((p) => presenceOf(p) === 'in-call').length;
  const waiting = visit.participants.filter((p) => p.state === 'waiting').length;
  if (visit.status === 'ended') return `Ended ${when(visit.endedAt)}`;
  if (!visit.startedAt) return `Not started · ${waiting} waiting`;
  return `Started ${when(visit.startedAt)} · ${inCall} in the call · ${waiting} waiting`;
}
