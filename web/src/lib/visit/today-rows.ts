import { formatTime } from '../time/format';
import type { TodayRow } from './today-visits-state.svelte';

export interface RowStatus {
  text: string;
  tone: 'waiting' | 'live' | 'idle' | 'done';
}

/** What a row of today's visits says about its visit, in a few words. */
export function rowStatus(row: TodayRow): RowStatus {
  const visit = row.visit;
  if (!visit) {
    if (row.past) return { text: 'Not held', tone: 'done' };
    return { text: row.startable ? 'Ready to start' : 'Not started', tone: 'idle' };
  }
  if (visit.status === 'ended') return { text: 'Ended', tone: 'done' };
  const waiting = visit.participants.filter((p) => p.state === 'waiting').length;
  const inCall = visit.participants.filter((p) => p.state === 'admitted' && p.inCall).length;
  if (waiting > 0) return { text: `${waiting} waiting`, tone: 'waiting' };
  if (visit.startedAt) return { text: `In progress · ${inCall} in the call`, tone: 'live' };
  return { text: 'Not started', tone: 'idle' };
}

export const rowTime = (row: TodayRow): string =>
  row.entry
    ? formatTime(row.entry.startsAt)
    : row.visit?.startedAt
      ? formatTime(row.visit.startedAt)
      : '';

/** "Start", or "Rejoin" for a visit the provider started earlier. */
export const startLabel = (row: TodayRow): string => (row.visit?.startedAt ? 'Rejoin' : 'Start');

export function rowTitle(row: TodayRow): string {
  if (row.entry) return row.entry.clientName;
  const client = row.visit?.participants.find((p) => p.kind === 'client');
  return client?.name ?? 'Room visit';
}
