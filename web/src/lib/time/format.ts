/** Dates and times in the viewer's own time zone (the browser's), as people read them. */
export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function formatTime(iso: string, timeZone = viewerTimeZone()): string {
  return new Intl.DateTimeFormat(undefined, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

export function formatDay(date: Date, timeZone = viewerTimeZone()): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone,
  }).format(date);
}

/** Key of the calendar day an instant falls on, in the viewer's zone (YYYY-MM-DD). */
export function dayKey(iso: string | Date, timeZone = viewerTimeZone()): string {
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  }).format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** Local midnight of the Monday of the week holding `date` (in the browser's zone). */
export function startOfWeek(date: Date): Date {
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const weekday = (start.getDay() + 6) % 7;
  start.setDate(start.getDate() - weekday);
  return start;
}

/** `days` calendar days later at the same wall-clock time (right across daylight-saving changes). */
export function addDays(date: Date, days: number): Date {
  const next = new Date(date);
  next.setDate(next.getDate() + days);
  return next;
}

/** "Tue, Nov 3, 10:00 AM" in the viewer's zone. */
export function formatDateTime(iso: string, timeZone = viewerTimeZone()): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** "Tuesday, November 3 · 10:00 – 10:50 AM": one appointment's time as people say it. */
export function formatSpan(startIso: string, endIso: string, timeZone = viewerTimeZone()): string {
  const range = new Intl.DateTimeFormat(undefined, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).formatRange(new Date(startIso), new Date(endIso));
  return `${formatDay(new Date(startIso), timeZone)} · ${range}`;
}
