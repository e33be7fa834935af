import type { UserProfile } from '../identity/actor';
import { conflict } from '../platform/errors';
import {
  type AppointmentStore,
  BookingRaceError,
  type BookingWrite,
  type DayChange,
  type DayIndex,
} from './appointment';
import { findOverlap, type Slot, utcDays } from './calendar-rules';

/**
 * How long, and how many times, a booking keeps re-reading the calendar after losing a race.
 * Every booking on a provider's day writes that day's index, so of N bookings of different
 * slots sent at once one wins each round and the last may need N rounds (24 take about 3 s on
 * one machine). The budget leaves room inside the function's 10-second timeout.
 */
const maxAttempts = 60;
const retryBudgetMs = 7_000;

/** Full jitter, so the losers of a round do not all come back at once: up to 10 ms × 2^n, ≤ 200 ms. */
const backoff = (attempt: number) =>
  new Promise((resolve) =>
    setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** Math.min(attempt, 5))),
  );

/** What one change does to one provider's calendar. */
export interface CalendarChange {
  provider: UserProfile;
  add: Slot[];
  remove: Slot[];
  /** The days as the caller read them already (with its other reads): used for the first try. */
  read?: DayIndex[];
  /**
   * Time kept free on either side of each added slot (an online booking's buffers, in ms):
   * the clash check widens the slot by it, and the days it reaches are written too, so a
   * booking racing for the buffer loses as one racing for the slot would.
   */
  margin?: number;
}

/** "Wed 2 Dec" and "14:30" in the clinic's zone: the runtime's own Intl, no library needed. */
const clashDay = (timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
const clashTime = (timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });

function describeClash(provider: UserProfile, clash: Slot, timeZone: string): string {
  const start = new Date(clash.startsAt);
  const end = new Date(clash.endsAt);
  const day = clashDay(timeZone).format(start).replace(',', '');
  const from = clashTime(timeZone).format(start);
  const to = clashTime(timeZone).format(end);
  return `${provider.displayName} is already booked on ${day} from ${from} to ${to} (${timeZone}).`;
}

const widen = (s: Slot, ms: number): Slot => ({
  ...s,
  startsAt: new Date(Date.parse(s.startsAt) - ms).toISOString(),
  endsAt: new Date(Date.parse(s.endsAt) + ms).toISOString(),
});

async function dayChangesFor(
  change: CalendarChange,
  store: AppointmentStore,
  timeZone: string,
  first: boolean,
): Promise<DayChange[]> {
  const touched = (s: Slot) => utcDays(s.startsAt, s.endsAt);
  const widened = change.add.map((s) => widen(s, change.margin ?? 0));
  const days = [...new Set([...widened, ...change.remove].flatMap(touched))];
  // The caller's own read of these days serves the first try; a retry reads them again.
  const known = first ? change.read : undefined;
  const indexes = known ?? (await store.dayIndexes(change.provider.sub, days));
  const booked = indexes.flatMap((i) => i.slots);
  for (const slot of widened) {
    const clash = findOverlap(booked, slot);
    if (clash)
      throw conflict('appointment.conflict', describeClash(change.provider, clash, timeZone));
  }
  const removed = new Set(change.remove.map((s) => s.appointmentId));
  return days.map((day) => {
    const index = indexes.find((i) => i.day === day);
    const kept = (index?.slots ?? []).filter((s) => !removed.has(s.appointmentId));
    return {
      providerId: change.provider.sub,
      day,
      expectedVersion: index?.version ?? 0,
      slots: [...kept, ...change.add.filter((s) => touched(s).includes(day))],
    };
  });
}

/**
 * Writes a booking under the day index's optimistic lock: read the providers' days, refuse
 * any overlap, and write everything in one transaction that holds only if nobody wrote those
 * days meanwhile; after a lost race, read again. Two overlapping bookings at the same moment:
 * exactly one commits, the other sees it on the re-read and gets `appointment.conflict`.
 */
export async function commitOnCalendars(
  changes: readonly CalendarChange[],
  write: Omit<BookingWrite, 'days'>,
  store: AppointmentStore,
  timeZone: string,
): Promise<void> {
  const giveUpAt = Date.now() + retryBudgetMs;
  for (let attempt = 0; attempt < maxAttempts && Date.now() < giveUpAt; attempt += 1) {
    const days = (
      await Promise.all(changes.map((c) => dayChangesFor(c, store, timeZone, attempt === 0)))
    ).flat();
    try {
      await store.commit({ ...write, days });
      return;
    } catch (error) {
      if (!(error instanceof BookingRaceError)) throw error;
      if (error.lost === 'appointment') {
        throw conflict(
          'appointment.changed',
          'Someone else changed this appointment meanwhile. Reload it and try again.',
        );
      }
      // Planned with a room or a client another request has just made, or the same request
      // booked already: the caller plans again or answers as the first time.
      if (error.lost !== 'calendar') throw error;
    }
    await backoff(attempt);
  }
  throw conflict('appointment.busy', 'This calendar is changing right now. Please try again.');
}

/**
 * Books with the client's personal room made in the same transaction when it is new. If another
 * request made the client's room first, the booking is planned again (and takes that room).
 */
export async function withPersonalRoomRace<T>(book: () => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await book();
    } catch (error) {
      if (!(error instanceof BookingRaceError && error.lost === 'personal-room')) throw error;
    }
  }
  throw conflict('appointment.busy', "The client's room is changing right now. Please try again.");
}
