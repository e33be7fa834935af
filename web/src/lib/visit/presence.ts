import { formatTime } from '../time/format';
import type { HostVisit, Participant, Via } from './types';

/** How someone came, as the provider reads it on a knock. */
export const viaNames: Record<Via, string> = {
  link: 'by link',
  portal: 'from the portal',
  phone: 'by phone',
  app: 'in the app',
};

export const kindNames: Record<Participant['kind'], string> = {
  provider: 'Provider',
  client: 'Client',
  contact: 'Contact',
  guest: 'Guest',
};

export type Presence = 'in-call' | 'joining' | 'waiting' | 'denied' | 'removed' | 'left';

/** Where someone is now: admitted people are "joining" until their media connects. */
export function presenceOf(p: Participant): Presence {
  if (p.state === 'admitted') return p.inCall ? 'in-call' : 'joining';
  return p.state;
}

export const presenceNames: Record<Presence, string> = {
  'in-call': 'In the call',
  joining: 'Joining',
  waiting: 'Waiting',
  denied: 'Denied',
  removed: 'Removed',
  left: 'Left',
};

/** How a provider's call to someone's phone is going, or why it did not connect. */
export const dialNames: Record<NonNullable<Participant['dialOut']>, string> = {
  ringing: 'Ringing…',
  answered: 'Answered, choosing…',
  joined: 'Joined by phone',
  'no-answer': 'No answer',
  busy: 'Busy',
  declined: 'Declined',
  failed: 'Call failed',
};

/** Where someone is, in words: a call still ringing (or that never connected) says so. */
export function presenceText(p: Participant, presence: Presence = presenceOf(p)): string {
  const dialling = p.dialOut !== undefined && p.dialOut !== 'joined';
  if (p.dialOut && dialling && (presence === 'joining' || presence === 'left'))
    return dialNames[p.dialOut];
  return presenceNames[presence];
}

/** "3 min", "1 h 5 min": how long ago, for "waiting for …". */
export function minutesSince(iso: string, nowMs: number): string {
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "since 2:05 PM (3 min)". */
export const waitingSince = (iso: string, nowMs: number): string =>
  `since ${formatTime(iso)} (${minutesSince(iso, nowMs)})`;

export const waitingOf = (visit: HostVisit | null | undefined): Participant[] =>
  visit?.participants.filter((p) => p.state === 'waiting') ?? [];

/** Initials for a tile whose camera is off. */
export function initials(name: string): string {
  const parts = name
    .trim()
    .split(/\s+/)
    .filter((w) => /^[\p{L}]/u.test(w));
  const letters = parts.length > 1 ? [parts[0], parts.at(-1)] : parts.slice(0, 1);
  return letters.map((w) => w?.[0]?.toUpperCase() ?? '').join('') || '?';
}

/**
 * What to say after Allow: who got in and who stays waiting because the clinic's cap is
 * reached (the API admits as many as fit and leaves the rest waiting, `visit.full`).
 */
export function admitOutcome(asked: readonly string[], after: HostVisit): string | null {
  const still = after.participants.filter(
    (p) => asked.includes(p.participantId) && p.state === 'waiting',
  );
  if (still.length === 0) return null;
  const names = still.map((p) => p.name).join(', ');
  const cap = after.maxExtraAttendees + 2;
  return `The visit is full (${cap} people at most). ${names} ${still.length === 1 ? 'stays' : 'stay'} in the waiting room: let them in when someone leaves.`;
}
