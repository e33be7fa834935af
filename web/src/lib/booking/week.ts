/**
 * Weeks of free times as a visitor reads them: calendar days in the zone they chose, which
 * need not be theirs or the provider's. Only the browser's time-zone data is used (Intl), so
 * the public page carries no date library. Day keys are YYYY-MM-DD.
 */

export interface Slot {
  startsAt: string;
  endsAt: string;
}

export interface DaySlots {
  day: string;
  slots: Slot[];
}

/** One page of the picker: seven days from `days[0]`, and the instants they span. */
export interface WeekRange {
  days: string[];
  from: string;
  to: string;
}

const keyFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day an instant falls on in `zone`. */
export function dayIn(instant: Date | string, zone: string): string {
  let format = keyFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone: zone,
    });
    keyFormats.set(zone, format);
  }
  return format.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** The day `n` days after `day` (calendar arithmetic, no zone involved). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n)).toISOString().slice(0, 10);
}

/** How far `zone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant `day` begins in `zone`. The offset is read twice because midnight's own offset
 * may differ from the one a few hours off (a change that night); where midnight does not exist
 * at all, the first instant after the gap is near enough for a range's edge.
 */
export function startOfDay(day: string, zone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`);
  const first = wall - offsetAt(wall, zone);
  const second = wall - offsetAt(first, zone);
  return new Date(second);
}

/** Page `week` (0 is the one starting today) of seven days from `today`, in `zone`. */
export function weekRange(today: string, week: number, zone: string): WeekRange {
  const first = addDays(today, week * 7);
  const days = Array.from({ length: 7 }, (_, i) => addDays(first, i));
  return {
    days,
    from: startOfDay(first, zone).toISOString(),
    to: startOfDay(addDays(first, 7), zone).toISOString(),
  };
}

/**
 * The last page worth asking for. The provider's horizon counts their own days (today is day
 * 0); the visitor's days may start up to a day later or earlier, so one more day is allowed.
 */
export const lastWeek = (horizonDays: number): number => Math.floor((horizonDays + 1) / 7);

/** A time named by itself (e.g. in a page's address), as a slot: its end from the length. */
export function slotAt(startsAt: string, minutes: number): Slot {
  return { startsAt, endsAt: new Date(Date.parse(startsAt) + minutes * 60_000).toISOString() };
}

/** The page (0 = the one from today) whose week holds an instant; 0 if none up to the last. */
export function weekHolding(today: string, instant: string, zone: string, horizonDays: number) {
  const at = Date.parse(instant);
  for (let week = 0; week <= lastWeek(horizonDays); week += 1) {
    const { from, to } = weekRange(today, week, zone);
    if (at >= Date.parse(from) && at < Date.parse(to)) return week;
  }
  return 0;
}

/** The week's slots by the day they start on in `zone`, days without any left out, in order. */
export function groupByDay(slots: readonly Slot[], days: readonly string[], zone: string) {
  const byDay = new Map<string, Slot[]>(days.map((d) => [d, []]));
  for (const slot of slots) byDay.get(dayIn(slot.startsAt, zone))?.push(slot);
  return days
    .map((day): DaySlots => ({ day, slots: byDay.get(day) ?? [] }))
    .filter((d) => d.slots.length > 0);
}

/** "Monday, June 1": a day key as people read it (the key is a date, not an instant). */
export function dayLabel(day: string, style: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: style,
    month: style,
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
}

/** "Mon, Jun 1 – Sun, Jun 7": the page's span. */
export function weekLabel(range: WeekRange): string {
  const first = range.days[0] ?? '';
  const last = range.days.at(-1) ?? first;
  return `${dayLabel(first, 'short')} – ${dayLabel(last, 'short')}`;
}
