import type { BookingSettings, BookingSettingsRequest } from '../../../../lib/api/types';

/**
 * A provider's online booking settings as the form holds them. Times are what
 * `<input type="time">` holds (HH:mm): it cannot hold 24:00, so an end of 00:00 means midnight
 * at the end of the day, as people mean it.
 */
export interface Stretch {
  start: string;
  end: string;
}

export interface BookingValues {
  enabled: boolean;
  timeZone: string;
  /** Monday first: index 0 is weekday 1. */
  weekly: Stretch[][];
  overrides: { date: string; dayOff: boolean; hours: Stretch[] }[];
  visitTypes: { id: string; name: string; minutes: number }[];
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  horizonDays: number;
  cancelCutoffHours: number;
  newClients: 'off' | 'book' | 'request';
}

export const weekdayNames = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];

export const newClientChoices = [
  { value: 'book', label: 'Book straight away' },
  {
    value: 'request',
    label: 'Ask me to approve',
    note: 'a new client’s time is held until you or the front desk approve it on the schedule',
  },
  { value: 'off', label: 'Existing clients only' },
] as const;

const shown = (h: Stretch): Stretch => ({
  start: h.start,
  end: h.end === '24:00' ? '00:00' : h.end,
});
const sent = (h: Stretch): Stretch => ({
  start: h.start,
  end: h.end === '00:00' ? '24:00' : h.end,
});
const inOrder = (hours: Stretch[]) =>
  hours.map(sent).sort((a, b) => a.start.localeCompare(b.start));

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Hours to add after `last`: 9 to 5 on an empty day, else the hour after the last stretch. */
export function nextStretch(last: Stretch | undefined): Stretch {
  if (!last) return { start: '09:00', end: '17:00' };
  const [h, m] = last.end.split(':').map(Number);
  const start = Math.min((h ?? 0) * 60 + (m ?? 0) || 24 * 60, 23 * 60);
  return { start: hhmm(start), end: hhmm(start + 60) };
}

export function valuesOf(s: BookingSettings): BookingValues {
  return {
    enabled: s.enabled,
    timeZone: s.timeZone,
    weekly: weekdayNames.map((_, i) =>
      (s.weekly.find((d) => d.weekday === i + 1)?.hours ?? []).map(shown),
    ),
    overrides: s.overrides.map((o) => ({
      date: o.date,
      dayOff: o.hours.length === 0,
      hours: o.hours.map(shown),
    })),
    visitTypes: s.visitTypes.map((t) => ({ ...t })),
    bufferBeforeMinutes: s.bufferBeforeMinutes,
    bufferAfterMinutes: s.bufferAfterMinutes,
    minimumNoticeMinutes: s.minimumNoticeMinutes,
    horizonDays: s.horizonDays,
    cancelCutoffHours: s.cancelCutoffHours,
    newClients: s.newClients,
  };
}

/** A visit type's id from its name: lower-case letters, digits and -, unique among the others. */
export function typeId(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      // é is e and a combining accent: the accent goes, the letter stays.
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || 'visit';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}

/**
 * The request body. Every weekday is sent, in order, and every override and visit type in the
 * form's order, so the API's field names (`weekly.2.hours.0.end`) point at the form's rows.
 */
export function requestOf(v: BookingValues): BookingSettingsRequest {
  const taken = new Set(v.visitTypes.map((t) => t.id).filter(Boolean));
  return {
    enabled: v.enabled,
    timeZone: v.timeZone,
    weekly: v.weekly.map((hours, i) => ({ weekday: i + 1, hours: inOrder(hours) })),
    overrides: v.overrides.map((o) => ({ date: o.date, hours: o.dayOff ? [] : inOrder(o.hours) })),
    visitTypes: v.visitTypes.map((t) => {
      const id = t.id || typeId(t.name, taken);
      taken.add(id);
      return { id, name: t.name.trim(), minutes: Number(t.minutes) };
    }),
    bufferBeforeMinutes: Number(v.bufferBeforeMinutes),
    bufferAfterMinutes: Number(v.bufferAfterMinutes),
    minimumNoticeMinutes: Number(v.minimumNoticeMinutes),
    horizonDays: Number(v.horizonDays),
    cancelCutoffHours: Number(v.cancelCutoffHours),
    newClients: v.newClients,
  };
}

/**
 * What the form can tell before sending: the API takes an empty name (it trims text) and a
 * date input left empty would only come back as a format message.
 */
export function missing(v: BookingValues): Record<string, string> {
  const errors: Record<string, string> = {};
  v.visitTypes.forEach((t, i) => {
    if (!t.name.trim()) errors[`visitTypes.${i}.name`] = 'Give the visit type a name';
  });
  v.overrides.forEach((o, i) => {
    if (!o.date) errors[`overrides.${i}.date`] = 'Choose a date';
  });
  return errors;
}

/** The API's messages for one row (`weekly.2`, `visitTypes.0.name`), each once. */
export function errorsUnder(fields: Record<string, string>, prefix: string): string[] {
  const found = Object.entries(fields)
    .filter(([key]) => key === prefix || key.startsWith(`${prefix}.`))
    .map(([, message]) => message);
  return [...new Set(found)];
}

const placed = [
  'enabled',
  'timeZone',
  'weekly',
  'overrides',
  'visitTypes',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'minimumNoticeMinutes',
  'horizonDays',
  'cancelCutoffHours',
  'newClients',
];

/** Messages for fields the form has no place for (so they are not lost). */
export const unplaced = (fields: Record<string, string>): string[] =>
  Object.entries(fields)
    .filter(([key]) => !placed.includes(key.split('.')[0] ?? ''))
    .map(([key, message]) => `${key}: ${message}`);
