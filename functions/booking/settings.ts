import * as z from 'zod/mini';
import { timeZone } from '../shared/contact-fields';
import { refuse, shortText } from '../shared/fields';
import type { BookingRules, Hours } from './slots';

/**
 * A provider's online booking: on or off, their hours (in their own zone) and date overrides,
 * what can be booked and how long it lasts, the buffers, notice, horizon and cancellation
 * cutoff, and whether new clients may book (straight away, or as a request the provider
 * approves). Slots start every 15 minutes from the start of each stretch of hours.
 */
export interface BookingSettings {
  enabled: boolean;
  timeZone: string;
  weekly: { weekday: number; hours: Hours[] }[];
  overrides: { date: string; hours: Hours[] }[];
  visitTypes: VisitType[];
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  horizonDays: number;
  /** Clients may cancel or move a booking themselves until this long before it starts. */
  cancelCutoffHours: number;
  /** `off`: only known clients; `book`: new clients book; `request`: their bookings wait for approval. */
  newClients: 'off' | 'book' | 'request';
  updatedAt: string;
}

export interface VisitType {
  id: string;
  name: string;
  minutes: number;
}

export const slotStepMinutes = 15;

/** What a provider starts with: off, weekdays 9 to 5, a 50- and a 30-minute visit. */
export function defaultBookingSettings(zone: string): BookingSettings {
  const day = [{ start: '09:00', end: '17:00' }];
  return {
    enabled: false,
    timeZone: zone,
    weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, hours: day })),
    overrides: [],
    visitTypes: [
      { id: 'session-50', name: 'Video session', minutes: 50 },
      { id: 'consult-30', name: 'Video consultation', minutes: 30 },
    ],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 10,
    minimumNoticeMinutes: 240,
    horizonDays: 30,
    cancelCutoffHours: 24,
    newClients: 'book',
    updatedAt: '1970-01-01T00:00:00.000Z',
  };
}

export function rulesOf(settings: BookingSettings): BookingRules {
  return {
    timeZone: settings.timeZone,
    weekly: settings.weekly,
    overrides: settings.overrides,
    bufferBeforeMinutes: settings.bufferBeforeMinutes,
    bufferAfterMinutes: settings.bufferAfterMinutes,
    minimumNoticeMinutes: settings.minimumNoticeMinutes,
    horizonDays: settings.horizonDays,
    stepMinutes: slotStepMinutes,
  };
}

const wall = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:mm, 24-hour'));
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** A day's hours: each stretch starts before it ends, in order, none overlapping. */
const dayHours = z.array(z.strictObject({ start: wall, end: wall })).check(
  z.maxLength(6),
  z.superRefine((hours, ctx) => {
    let last = -1;
    for (const h of hours) {
      const [start, end] = [minutesOf(h.start), minutesOf(h.end)];
      if (start >= end) refuse(ctx, `Hours ${h.start}–${h.end} end before they start`);
      if (start < last) refuse(ctx, 'Hours of a day must be in order and must not overlap');
      last = end;
    }
  }),
);

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD'));
const count = (min: number, max: number, label: string) =>
  z
    .number()
    .check(
      z.int(),
      z.gte(min, `${label}: at least ${min}`),
      z.lte(max, `${label}: at most ${max}`),
    );

export const BookingSettingsInput = z
  .strictObject({
    enabled: z.boolean(),
    timeZone,
    weekly: z.array(z.strictObject({ weekday: count(1, 7, 'Weekday'), hours: dayHours })).check(
      z.maxLength(7),
      z.refine(
        (days) => new Set(days.map((d) => d.weekday)).size === days.length,
        'Each weekday at most once',
      ),
    ),
    overrides: z.array(z.strictObject({ date: isoDate, hours: dayHours })).check(
      z.maxLength(366),
      z.refine(
        (days) => new Set(days.map((d) => d.date)).size === days.length,
        'Each date at most once',
      ),
    ),
    visitTypes: z
      .array(
        z.strictObject({
          id: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'Lower-case letters, digits and -')),
          name: shortText('Name', 80),
          minutes: count(5, 240, 'Length'),
        }),
      )
      .check(
        z.minLength(1, 'At least one visit type'),
        z.maxLength(10),
        z.refine(
          (types) => new Set(types.map((t) => t.id)).size === types.length,
          'Each visit type id at most once',
        ),
      ),
    bufferBeforeMinutes: count(0, 120, 'Buffer before'),
    bufferAfterMinutes: count(0, 120, 'Buffer after'),
    minimumNoticeMinutes: count(0, 60 * 24 * 14, 'Minimum notice'),
    horizonDays: count(1, 365, 'How far ahead'),
    cancelCutoffHours: count(0, 24 * 14, 'Cancellation cutoff'),
    newClients: z.enum(['off', 'book', 'request']),
  })
  .register(z.globalRegistry, { id: 'BookingSettingsInput' });

export type BookingSettingsInput = z.infer<typeof BookingSettingsInput>;

export const BookingSettingsSchema = z
  .object({
    ...BookingSettingsInput.shape,
    providerId: z.string(),
    /** Whether the provider may hold video visits at all (the teletherapy permission). */
    teletherapy: z.boolean(),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'BookingSettings' });

/** Port: each provider's booking settings. */
export interface BookingSettingsStore {
  get(providerId: string): Promise<BookingSettings | undefined>;
  put(providerId: string, settings: BookingSettings): Promise<void>;
}
