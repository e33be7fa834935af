import * as z from 'zod/mini';
import type { UserDirectory, UserProfile } from '../identity/actor';
import { invalid, notFound } from '../platform/errors';
import type { AppointmentStore } from '../scheduling/appointment';
import { utcDays } from '../scheduling/calendar-rules';
import type { SettingsStore } from '../scheduling/clinic';
import {
  type BookingSettings,
  type BookingSettingsStore,
  rulesOf,
  type VisitType,
} from './settings';
import { freeSlots, type Slot } from './slots';

export interface PageDeps {
  bookingSettings: BookingSettingsStore;
  users: UserDirectory;
  settings: SettingsStore;
  appointments: Pick<AppointmentStore, 'dayIndexes'>;
  now: () => Date;
}

/** The longest range one slot listing covers: a week, and a day either side for zones. */
export const maxRangeMs = 9 * 86_400_000;
const minute = 60_000;

export const BookingPageSchema = z
  .object({
    provider: z.object({ id: z.string(), displayName: z.string() }),
    clinicName: z.string(),
    timeZone: z.string(),
    visitTypes: z.array(z.object({ id: z.string(), name: z.string(), minutes: z.number() })),
    newClients: z.enum(['off', 'book', 'request']),
    cancelCutoffHours: z.number(),
    horizonDays: z.number(),
  })
  .register(z.globalRegistry, { id: 'BookingPage' });

export const SlotsSchema = z
  .object({
    slots: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
    timeZone: z.string(),
  })
  .register(z.globalRegistry, { id: 'FreeSlots' });

const notOffered = () =>
  notFound('booking.not_found', 'This provider does not take online bookings.');

/**
 * A provider who takes online bookings: active, a provider, with the teletherapy permission
 * (only video visits are booked online), and online booking on. Anything else is the same 404,
 * so the page tells nobody who works at the clinic.
 */
export async function requireBookable(
  providerId: string,
  deps: Pick<PageDeps, 'bookingSettings' | 'users'>,
): Promise<{ provider: UserProfile; booking: BookingSettings }> {
  const [provider, booking] = await Promise.all([
    deps.users.get(providerId),
    deps.bookingSettings.get(providerId),
  ]);
  if (
    provider?.role !== 'provider' ||
    provider.status !== 'active' ||
    !provider.teletherapy ||
    !booking?.enabled
  )
    throw notOffered();
  return { provider, booking };
}

export async function bookingPage(providerId: string, deps: PageDeps) {
  const [{ provider, booking }, clinic] = await Promise.all([
    requireBookable(providerId, deps),
    deps.settings.get(),
  ]);
  return {
    provider: { id: provider.sub, displayName: provider.displayName },
    clinicName: clinic.name,
    timeZone: booking.timeZone,
    visitTypes: booking.visitTypes.map(({ id, name, minutes }) => ({ id, name, minutes })),
    newClients: booking.newClients,
    cancelCutoffHours: booking.cancelCutoffHours,
    horizonDays: booking.horizonDays,
  };
}

export function requireVisitType(booking: BookingSettings, typeId: string): VisitType {
  const type = booking.visitTypes.find((t) => t.id === typeId);
  if (!type)
    throw invalid('booking.no_such_type', 'Choose one of the visit types offered.', {
      typeId: 'No such visit type',
    });
  return type;
}

/** The days whose index holds everything that could touch [from, to) with the buffers. */
export function daysAround(from: number, to: number, booking: BookingSettings): string[] {
  const margin = (booking.bufferBeforeMinutes + booking.bufferAfterMinutes) * minute;
  return utcDays(new Date(from - margin).toISOString(), new Date(to + margin).toISOString());
}

/**
 * Free slots of one visit type starting in [from, to): the provider's rules minus what their
 * day indexes hold (every appointment, booked online or by staff), in one read of those days.
 */
export async function listSlots(
  providerId: string,
  query: { typeId: string; from: string; to: string },
  deps: PageDeps,
): Promise<{ slots: Slot[]; timeZone: string }> {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (!(to > from) || to - from > maxRangeMs)
    throw invalid('validation.failed', 'Ask for at most nine days of slots at a time.', {
      to: 'At most nine days after from',
    });
  const { booking } = await requireBookable(providerId, deps);
  const type = requireVisitType(booking, query.typeId);
  const longest = to + type.minutes * minute;
  const indexes = await deps.appointments.dayIndexes(
    providerId,
    daysAround(from, longest, booking),
  );
  const taken = indexes.flatMap((i) => i.slots);
  const slots = freeSlots(
    rulesOf(booking),
    type.minutes,
    taken,
    { from: query.from, to: query.to },
    deps.now().toISOString(),
  );
  return { slots, timeZone: booking.timeZone };
}
