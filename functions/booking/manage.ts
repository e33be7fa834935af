import * as z from 'zod/mini';
import { joinUrl, linkToken, looksLikeToken, tokenHash } from '../links/tokens';
import { conflict, notFound } from '../platform/errors';
import type { Appointment } from '../scheduling/appointment';
import { linkExpiry } from '../scheduling/appointment-access';
import { cancelAs, slotOf } from '../scheduling/booking';
import { commitOnCalendars } from '../scheduling/calendar-commit';
import { utcDays } from '../scheduling/calendar-rules';
import { instant } from '../shared/fields';
import type { BookDeps } from './book';
import { joinLinkIdOf } from './booking-video';
import { requireBookable } from './page';
import { type BookingSettings, rulesOf } from './settings';
import { freeSlots } from './slots';

export interface ManageDeps extends BookDeps {
  /** The appointment a manage link (by its hash) belongs to. */
  manageLinks: { get(hash: string): Promise<string | undefined> };
}

export const RescheduleInput = z
  .strictObject({ startsAt: instant })
  .register(z.globalRegistry, { id: 'RescheduleInput' });

export const ManagedBookingSchema = z
  .object({
    providerId: z.string(),
    providerName: z.string(),
    visitType: z.object({ id: z.string(), name: z.string(), minutes: z.number() }),
    startsAt: z.string(),
    endsAt: z.string(),
    timeZone: z.string(),
    status: z.enum(['scheduled', 'cancelled', 'completed']),
    /** Until when the client may cancel or move it here; after it, they call the clinic. */
    changeableUntil: z.string(),
    changeable: z.boolean(),
    /** A new client's request the provider has not approved yet (no join link until then). */
    pendingApproval: z.boolean(),
    declined: z.boolean(),
    joinUrl: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'ManagedBooking' });

const unknownLink = () =>
  notFound('booking.unknown', 'This link does not open a booking. Please call the clinic.');

async function requireManaged(token: string, deps: ManageDeps) {
  if (!looksLikeToken(token)) throw unknownLink();
  const appointmentId = await deps.manageLinks.get(tokenHash(token));
  const appointment = appointmentId ? await deps.appointments.get(appointmentId) : undefined;
  if (!appointment?.bookedOnline) throw unknownLink();
  const [provider, booking] = await Promise.all([
    deps.users.get(appointment.providerId),
    deps.bookingSettings.get(appointment.providerId),
  ]);
  if (!provider || !booking) throw unknownLink();
  return { appointment, providerName: provider.displayName, booking };
}

const cutoffOf = (a: Appointment, b: BookingSettings) =>
  Date.parse(a.startsAt) - b.cancelCutoffHours * 3_600_000;

async function present(
  appointment: Appointment,
  providerName: string,
  booking: BookingSettings,
  deps: ManageDeps,
) {
  const minutes = (Date.parse(appointment.endsAt) - Date.parse(appointment.startsAt)) / 60_000;
  // The type it was booked as while the provider still offers it (two may share a length);
  // else one of its length; else its own name, which can no longer be moved online.
  const booked = appointment.visitType;
  const type = booking.visitTypes.find((t) => t.id === booked?.id && t.minutes === minutes) ??
    booking.visitTypes.find((t) => t.minutes === minutes) ?? {
      id: '',
      name: booked?.name ?? 'Video visit',
      minutes,
    };
  const cutoff = cutoffOf(appointment, booking);
  const live = appointment.status === 'scheduled';
  const joinable = live && !appointment.pendingApproval;
  const [secret, base, linkId] = joinable
    ? await Promise.all([deps.linkSecret(), deps.appUrl(), joinLinkIdOf(appointment, deps)])
    : ['', '', undefined];
  return {
    providerId: appointment.providerId,
    providerName,
    visitType: { id: type.id, name: type.name, minutes },
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    timeZone: booking.timeZone,
    status: appointment.status,
    changeableUntil: new Date(cutoff).toISOString(),
    changeable: live && deps.now().getTime() < cutoff,
    pendingApproval: appointment.pendingApproval === true,
    declined: appointment.declined === true,
    ...(joinable && linkId ? { joinUrl: joinUrl(base, linkToken(secret, linkId)) } : {}),
  };
}

export async function viewBooking(token: string, deps: ManageDeps) {
  const { appointment, providerName, booking } = await requireManaged(token, deps);
  return present(appointment, providerName, booking, deps);
}

function requireChangeable(appointment: Appointment, booking: BookingSettings, now: Date): void {
  if (appointment.status !== 'scheduled')
    throw conflict('appointment.not_editable', `This visit is ${appointment.status}.`);
  if (now.getTime() >= cutoffOf(appointment, booking))
    throw conflict(
      'booking.past_cutoff',
      `It is too late to change this visit online (until ${booking.cancelCutoffHours} hours before). Please call the clinic.`,
    );
}

/** Cancels by the manage link until the cutoff: the slot is free again and every link stops. */
export async function cancelBooking(token: string, deps: ManageDeps) {
  const { appointment, providerName, booking } = await requireManaged(token, deps);
  if (appointment.status === 'cancelled') return present(appointment, providerName, booking, deps);
  requireChangeable(appointment, booking, deps.now());
  const cancelled = await cancelAs(appointment, deps);
  return present(cancelled, providerName, booking, deps);
}

/**
 * Moves the visit to another free slot of the same length, until the cutoff. The calendar
 * change is the staff editor's (one transaction under the day indexes' versions, with the
 * buffers), links are re-timed to the new end, and the change's notices go out with the
 * updated calendar event.
 */
export async function rescheduleBooking(
  token: string,
  input: z.infer<typeof RescheduleInput>,
  deps: ManageDeps,
) {
  const { appointment, providerName, booking } = await requireManaged(token, deps);
  const now = deps.now();
  requireChangeable(appointment, booking, now);
  const { provider } = await requireBookable(appointment.providerId, deps);
  const minutes = (Date.parse(appointment.endsAt) - Date.parse(appointment.startsAt)) / 60_000;
  const start = Date.parse(input.startsAt);
  const end = start + minutes * 60_000;
  const indexes = await deps.appointments.dayIndexes(provider.sub, [
    ...new Set([
      ...utcDays(
        new Date(start - 4 * 3_600_000).toISOString(),
        new Date(end + 4 * 3_600_000).toISOString(),
      ),
      ...utcDays(appointment.startsAt, appointment.endsAt),
    ]),
  ]);
  // The visit's own time is free for it: moving it by a quarter of an hour is allowed.
  const others = indexes.flatMap((i) => i.slots).filter((s) => s.appointmentId !== appointment.id);
  const free = freeSlots(
    rulesOf(booking),
    minutes,
    others,
    { from: input.startsAt, to: new Date(start + 1).toISOString() },
    now.toISOString(),
  );
  if (free.length === 0)
    throw conflict(
      'appointment.conflict',
      'That time was just taken. Please choose another of the free times.',
    );
  const clinic = await deps.settings.get();
  const next: Appointment = {
    ...appointment,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(end).toISOString(),
    updatedAt: now.toISOString(),
    version: appointment.version + 1,
  };
  try {
    await commitOnCalendars(
      [
        {
          provider,
          add: [slotOf(next)],
          remove: [slotOf(appointment)],
          read: indexes,
          margin: (booking.bufferBeforeMinutes + booking.bufferAfterMinutes) * 60_000,
        },
      ],
      {
        create: [],
        update: { appointment: next, expectedVersion: appointment.version },
        links: [],
        linkUpdates: [],
        appointmentLinks: {
          appointmentId: appointment.id,
          expiresAt: linkExpiry(next.endsAt, clinic),
        },
      },
      deps.appointments,
      booking.timeZone,
    );
  } catch (error) {
    if ((error as { code?: string }).code === 'appointment.conflict')
      throw conflict(
        'appointment.conflict',
        'That time was just taken. Please choose another of the free times.',
      );
    throw error;
  }
  return present(next, providerName, booking, deps);
}
