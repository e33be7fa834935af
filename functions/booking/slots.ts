import { DateTime } from 'luxon';

/**
 * A provider's free slots for online booking, as pure code: their weekly hours and date
 * overrides, in their own time zone, expanded per local date; minus the time taken by
 * appointments with the buffers around them; from the minimum notice to the horizon. Times
 * are UTC instants in and out (the page shows them in the visitor's zone).
 *
 * Each local date's hours are turned into instants by the time-zone database (luxon), never by
 * formatting and parsing strings: a wall time that does not exist (the spring gap) moves to the
 * later side, one that happens twice (the autumn overlap) is the earlier. Slots then step in
 * real minutes from the start of the hours, so none starts at a time that does not exist, and
 * hours that span a change last as long as the day really had.
 */

/** A wall time in the provider's zone, "HH:mm", 24-hour. */
export type WallTime = string;

export interface Hours {
  start: WallTime;
  end: WallTime;
}

export interface BookingRules {
  /** The provider's IANA zone: the hours are theirs. */
  timeZone: string;
  /** Hours per ISO weekday (1 Monday … 7 Sunday); several per day allowed (a lunch break). */
  weekly: { weekday: number; hours: Hours[] }[];
  /** A date's own hours instead of the week's: none is a day off. */
  overrides: { date: string; hours: Hours[] }[];
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Nothing starts sooner than this after now. */
  minimumNoticeMinutes: number;
  /** How far ahead, in local days: today is day 0, the last bookable date is today + this. */
  horizonDays: number;
  /** Slots start this often from the start of each stretch of hours. */
  stepMinutes: number;
}

/** Time already taken: an appointment (booked online or by staff) or a busy block. */
export interface Taken {
  startsAt: string;
  endsAt: string;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
}

const minute = 60_000;

/** A wall time on a local date as an instant (gap: later side; overlap: earlier). */
function instantOf(date: DateTime, wall: WallTime): DateTime {
  const [hour = 0, minutes = 0] = wall.split(':').map(Number);
  const at = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour, minute: minutes },
    { zone: date.zone },
  );
  // A time the autumn change makes happen twice: the first of them.
  const [earliest] = at.getPossibleOffsets().sort((a, b) => a.toMillis() - b.toMillis());
  return earliest ?? at;
}

/** The provider's hours on one local date, as instants. */
export function hoursOn(rules: BookingRules, date: DateTime): { start: number; end: number }[] {
  const iso = date.toISODate() ?? '';
  const override = rules.overrides.find((o) => o.date === iso);
  const hours =
    override?.hours ?? rules.weekly.find((w) => w.weekday === date.weekday)?.hours ?? [];
  return hours
    .map((h) => ({
      start: instantOf(date, h.start).toMillis(),
      // "24:00" is the end of the day: the next date's midnight.
      end:
        h.end === '24:00'
          ? date.plus({ days: 1 }).startOf('day').toMillis()
          : instantOf(date, h.end).toMillis(),
    }))
    .filter((h) => h.end > h.start);
}

/**
 * The free slots of `durationMinutes` whose start lies in [from, to), for a visitor at `now`.
 * Every time is an ISO instant; the answer is sorted and has no repeats.
 */
export function freeSlots(
  rules: BookingRules,
  durationMinutes: number,
  taken: readonly Taken[],
  range: { from: string; to: string },
  now: string,
): Slot[] {
  const zone = rules.timeZone;
  const nowAt = DateTime.fromISO(now, { zone });
  const from = Math.max(
    Date.parse(range.from),
    nowAt.toMillis() + rules.minimumNoticeMinutes * minute,
  );
  const horizon = nowAt
    .startOf('day')
    .plus({ days: rules.horizonDays + 1 })
    .toMillis();
  const to = Math.min(Date.parse(range.to), horizon);
  if (!(to > from)) return [];
  const length = durationMinutes * minute;
  const before = rules.bufferBeforeMinutes * minute;
  const after = rules.bufferAfterMinutes * minute;
  // What each appointment holds, buffers included; a new one holds the same around itself.
  const held = taken.map((t) => ({
    start: Date.parse(t.startsAt) - before,
    end: Date.parse(t.endsAt) + after,
  }));
  const free = (start: number) =>
    held.every((h) => !(start - before < h.end && h.start < start + length + after));
  const starts = new Set<number>();
  // Local dates from the one `from` falls on to the one `to` falls on (a day either side, so
  // hours past midnight or a zone far from UTC are never cut off).
  let date = DateTime.fromMillis(from, { zone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromMillis(to, { zone }).startOf('day').plus({ days: 1 });
  for (; date <= last; date = date.plus({ days: 1 })) {
    for (const hours of hoursOn(rules, date)) {
      for (
        let start = hours.start;
        start + length <= hours.end;
        start += rules.stepMinutes * minute
      ) {
        if (start >= from && start < to && free(start)) starts.add(start);
      }
    }
  }
  return [...starts]
    .sort((a, b) => a - b)
    .map((start) => ({
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + length).toISOString(),
    }));
}
