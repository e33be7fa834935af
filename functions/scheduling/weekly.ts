/**
 * The same local wall-clock time every week in the clinic's time zone, so a 10:00 visit stays
 * at 10:00 across a daylight-saving change (its UTC time moves by an hour). Only a series needs
 * the time-zone arithmetic: luxon is loaded for it then, so the scheduling function starts
 * without it.
 */
export async function weeklyOccurrences(
  startsAt: string,
  endsAt: string,
  weeks: number,
  timeZone: string,
): Promise<{ startsAt: string; endsAt: string }[]> {
  const utc = (iso: string) => new Date(iso).toISOString();
  if (weeks === 1) return [{ startsAt: utc(startsAt), endsAt: utc(endsAt) }];
  const { DateTime } = await import('luxon');
  const start = DateTime.fromISO(startsAt, { zone: timeZone });
  const end = DateTime.fromISO(endsAt, { zone: timeZone });
  return Array.from({ length: weeks }, (_, week) => ({
    startsAt: start.plus({ weeks: week }).toJSDate().toISOString(),
    endsAt: end.plus({ weeks: week }).toJSDate().toISOString(),
  }));
}
