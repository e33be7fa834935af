/**
 * The stretch of time the schedule's list of today's video visits asks for, in the viewer's own
 * day: from its midnight to the next, and on past it while a visit just after midnight already
 * has its join window open (a provider at 23:55 sees the 00:05 visit they can start). It also
 * reaches back `lookbackHours` before now, so that after midnight a visit begun the evening
 * before is still listed while its join window is open (a provider who closed the tab at 00:05
 * rejoins the 23:30 visit from the list); `onTodaysList` keeps only those. 16 hours: the
 * longest appointment (12 hours) and the longest grace after it (4 hours). The list
 * reads the day again every half minute, so the stretch moves on by itself.
 */
export function todayRange(
  now: Date,
  launchWindowMinutes: number,
  lookbackHours = 16,
): { from: Date; to: Date; midnight: Date } {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const windowEnd = now.getTime() + launchWindowMinutes * 60_000;
  const from = Math.min(midnight.getTime(), now.getTime() - lookbackHours * 3_600_000);
  return { from: new Date(from), to: new Date(Math.max(next.getTime(), windowEnd)), midnight };
}

/** When an appointment's join window closes: its end plus the clinic's grace (ms). */
export const windowClosesAt = (entry: { endsAt: string }, graceMinutes: number): number =>
  Date.parse(entry.endsAt) + graceMinutes * 60_000;

/**
 * Whether an appointment of the stretch belongs on today's list: it starts today (or after),
 * or it began before midnight and its join window (its end plus the clinic's grace) is open.
 */
export function onTodaysList(
  entry: { startsAt: string; endsAt: string },
  midnight: Date,
  graceMinutes: number,
  nowMs: number,
): boolean {
  return (
    Date.parse(entry.startsAt) >= midnight.getTime() || windowClosesAt(entry, graceMinutes) > nowMs
  );
}
