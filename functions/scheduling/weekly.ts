import { DateTime } from 'luxon';

/**
 * The same local wall-clock time every week in the clinic's time zone, so a 10:00 visit stays
 * at 10:00 across a daylight-saving change (its UTC time moves by an hour).
 */
export function weeklyOccurrences(
  startsAt: string,
  endsAt: string,
  weeks: number,
  timeZone: string,
): { startsAt: string; endsAt: string }[] {
  const start = DateTime.fromISO(startsAt, { zone: timeZone });
  const end = DateTime.fromISO(endsAt, { zone: timeZone });
  return Array.from({ length: weeks }, (_, week) => ({
    startsAt: start.plus({ weeks: week }).toJSDate().toISOString(),
    endsAt: end.plus({ weeks: week }).toJSDate().toISOString(),
  }));
}
