/**
 * Wall-clock values in the viewer's own zone, as date and time inputs and the calendar use
 * them. Each goes through the browser's own zone rules for that very date, so a week that
 * crosses a daylight-saving change shows and books every slot at the right instant.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD of the local calendar day. */
export function toDateInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** HH:mm, 24-hour, as `<input type="time">` holds it. */
export function toTimeInput(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a local date and time name, or null when either is incomplete. */
export function fromInputs(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})/.exec(time);
  if (!d || !t) return null;
  const result = new Date(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  return Number.isNaN(result.getTime()) ? null : result;
}

/**
 * A floating local date-time (no offset) for the calendar. Handing it an instant with an
 * offset would make it convert with today's offset only, an hour wrong across a DST change.
 */
export function floating(date: Date): string {
  return `${toDateInput(date)}T${toTimeInput(date)}:${pad(date.getSeconds())}`;
}
