/**
 * The stretch of time the schedule's list of today's video visits asks for, in the viewer's own
 * day: from its midnight to the next, and on past it while a visit just after midnight already
 * has its join window open (a provider at 23:55 sees the 00:05 visit they can start). The list
 * reads the day again every half minute, so the stretch moves on by itself.
 */
export function todayRange(now: Date, launchWindowMinutes: number): { from: Date; to: Date } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const windowEnd = now.getTime() + launchWindowMinutes * 60_000;
  return { from, to: new Date(Math.max(midnight.getTime(), windowEnd)) };
}
