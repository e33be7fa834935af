import * as z from 'zod/mini';
import type { Mailer } from '../accounts/ports';
import type { UserProfile } from '../identity/actor';
import { joinUrl, linkToken } from '../links/tokens';
import { conflict, forbidden, invalid, tooMany } from '../platform/errors';
import type { Appointment, AppointmentStore } from '../scheduling/appointment';
import { slotOf } from '../scheduling/booking';
import { commitOnCalendars } from '../scheduling/calendar-commit';
import { utcDays } from '../scheduling/calendar-rules';
import { type Client, newClient } from '../scheduling/clients';
import { phone, timeZone } from '../shared/contact-fields';
import { instant, personName } from '../shared/fields';
import { joinLinkIdOf, type VideoDeps, videoFor } from './booking-video';
import { readProof } from './codes';
import { manageLinkHash, manageUrl } from './manage-link';
import { type PageDeps, requireBookable, requireVisitType } from './page';
import { tellRequestReceived } from './request-messages';
import { rulesOf } from './settings';
import { freeSlots } from './slots';

/** At most this many upcoming online bookings per email address. */
export const maxUpcomingPerEmail = 3;
/** A retried request finds its first answer for a day. */
const idempotencyTtlSeconds = 24 * 3600;
/** Manage links work for a good while after the visit (the page then says it is over). */
const manageTtlSeconds = 400 * 86_400;

export interface BookDeps extends PageDeps, VideoDeps {
  mailer: Mailer;
  appointments: AppointmentStore;
  /** The ids of the active clients with this email (the finder items, one Query). */
  clientFinder: { idsByEmail(email: string): Promise<string[]> };
  /** The appointment a booking request's idempotency key made, if any. */
  replays: { get(key: string): Promise<string | undefined> };
  linkSecret: () => Promise<string>;
  appUrl: () => Promise<string>;
  newId: () => string;
}

export const BookingInput = z
  .strictObject({
    typeId: z.string().check(z.maxLength(40)),
    startsAt: instant,
    /** From the email code step. */
    proof: z.string().check(z.maxLength(600)),
    /** New clients only. */
    firstName: z.optional(personName('First name')),
    lastName: z.optional(personName('Last name')),
    phone: z.optional(phone),
    /** One per booking the visitor means to make: a double click or a retry books once. */
    idempotencyKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, 'Not a valid key')),
    /** A field people never see: only a form-filling robot types anything into it. */
    website: z.optional(z.string().check(z.maxLength(200))),
    /** The zone the visitor read the times in: their messages say the time in it. */
    timeZone: z.optional(timeZone),
  })
  .register(z.globalRegistry, { id: 'BookingInput' });
export type BookingInput = z.infer<typeof BookingInput>;

/** A portal client's booking: who they are comes from their sign-in. */
export const PortalBookingInput = z
  .strictObject({
    typeId: BookingInput.shape.typeId,
    startsAt: BookingInput.shape.startsAt,
    idempotencyKey: BookingInput.shape.idempotencyKey,
    timeZone: BookingInput.shape.timeZone,
  })
  .register(z.globalRegistry, { id: 'PortalBookingInput' });
export type PortalBookingInput = z.infer<typeof PortalBookingInput>;

export const BookedSchema = z
  .object({
    appointmentId: z.string(),
    providerName: z.string(),
    visitType: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    timeZone: z.string(),
    /** `requested`: a new client's booking waits for the provider; the link comes with approval. */
    status: z.enum(['booked', 'requested']),
    joinUrl: z.optional(z.string()),
    manageUrl: z.string(),
    newClient: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'Booked' });
export type Booked = z.infer<typeof BookedSchema>;

export const honeypotRefusal = () =>
  invalid('booking.refused', 'We could not take this booking. Please call the clinic.');

const taken = () =>
  conflict(
    'appointment.conflict',
    'That time was just taken. Please choose another of the free times.',
  );

/**
 * The client an email belongs to: the one active client with it; where several share it (a
 * family's address), always the same one (the least id), so bookings never scatter.
 */
async function clientByEmail(address: string, deps: BookDeps): Promise<string | undefined> {
  return (await deps.clientFinder.idsByEmail(address)).sort()[0];
}

/** The refusal when the client already has the most upcoming online bookings, else null. */
async function overLimit(clientId: string, deps: BookDeps, now: Date) {
  const horizon = new Date(now.getTime() + 400 * 86_400_000).toISOString();
  const upcoming = await deps.appointments.listForClient(clientId, now.toISOString(), horizon);
  const online = upcoming.filter((a) => a.bookedOnline && a.status === 'scheduled');
  if (online.length < maxUpcomingPerEmail) return null;
  return tooMany(
    'booking.too_many_upcoming',
    `You already have ${online.length} upcoming visits booked online. Please call the clinic to book more.`,
    3600,
  );
}

/** The idempotency key as stored: hashed with the provider's id, so keys of two pages never meet. */
const replayKey = (providerId: string, key: string) => `${providerId}:${key}`;

/**
 * Books a free slot from the public page. Three round trips at most: everything known from
 * the request is read at once (the provider, their booking settings, the clinic's settings,
 * the client by email, the days around the slot, the idempotency key); an existing client's
 * upcoming bookings; then the appointment, its link, its manage link, the idempotency key, a
 * new client and the calendar days in one transaction (which a racing booking, staff booking
 * or reschedule of overlapping time makes fail: it reads again and answers 409).
 */
export async function bookOnline(
  providerId: string,
  input: BookingInput,
  deps: BookDeps,
  /** The request's per-address limit, counted meanwhile: awaited before anything is written. */
  allowed: Promise<void> = Promise.resolve(),
): Promise<Booked> {
  if (input.website) {
    await allowed;
    throw honeypotRefusal();
  }
  const secret = await deps.linkSecret();
  const address = readProof(secret, input.proof, deps.now().getTime());
  return book(providerId, input, { email: address }, deps, allowed);
}

/**
 * A client signed in to the portal books as themselves: no code, never a new client. The
 * same booking otherwise (limits, idempotency, confirmation).
 */
export async function bookAsClient(
  providerId: string,
  input: PortalBookingInput,
  clientId: string | undefined,
  deps: BookDeps,
): Promise<Booked> {
  if (!clientId) throw forbidden('booking.not_client', 'Only a client of the clinic books here.');
  return book(providerId, input, { clientId }, deps, Promise.resolve());
}

type Booker = { email: string } | { clientId: string };

async function book(
  providerId: string,
  input: PortalBookingInput & Partial<BookingInput>,
  booker: Booker,
  deps: BookDeps,
  allowed: Promise<void>,
): Promise<Booked> {
  const now = deps.now();
  const secret = await deps.linkSecret();
  const address = 'email' in booker ? booker.email : '';
  const key = replayKey(providerId, input.idempotencyKey);
  /**
   * A refusal that a twin of this request (a double click, a retry) may have caused by booking
   * meanwhile: its visit fills the slot, or counts towards the limit. That twin's answer is ours.
   */
  const unlessReplayed = async (refusal: unknown): Promise<Booked> => {
    const replayed = await deps.replays.get(key);
    if (replayed) return answerOf(replayed, deps);
    throw refusal;
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const start = Date.parse(input.startsAt);
    const [bookable, clinic, client, replayed, indexes] = await Promise.all([
      requireBookable(providerId, deps),
      deps.settings.get(),
      'clientId' in booker ? booker.clientId : clientByEmail(address, deps),
      deps.replays.get(key),
      deps.appointments.dayIndexes(providerId, daysWide(start)),
    ]);
    await allowed;
    if (replayed) return answerOf(replayed, deps);
    const { provider, booking } = bookable;
    const type = requireVisitType(booking, input.typeId);
    const end = start + type.minutes * 60_000;
    const free = freeSlots(
      rulesOf(booking),
      type.minutes,
      indexes.flatMap((i) => i.slots),
      { from: input.startsAt, to: new Date(start + 1).toISOString() },
      now.toISOString(),
    );
    if (free.length === 0) return unlessReplayed(taken());
    const personalRooms = clinic.onlineBookingVideo === 'personal-room';
    const [refusal, record] = await Promise.all([
      client ? overLimit(client, deps, now) : null,
      // The client's room, when the clinic gives online bookings the personal room.
      client && personalRooms ? deps.clients.get(client) : undefined,
    ]);
    if (refusal) return unlessReplayed(refusal);
    const fresh = client ? undefined : newClientFor(address, input, booking.newClients, deps, now);
    const appointment = newAppointment(provider, client ?? fresh?.id ?? '', start, end, deps, now);
    appointment.visitType = { id: type.id, name: type.name };
    if (input.timeZone) appointment.bookerTimeZone = input.timeZone;
    const requested = fresh !== undefined && booking.newClients === 'request';
    if (requested) appointment.pendingApproval = true;
    const video = await videoFor(appointment, clinic, { record, fresh }, secret, deps);
    const seconds = Math.floor(now.getTime() / 1000);
    try {
      await commitOnCalendars(
        [
          {
            provider,
            add: [slotOf(appointment)],
            remove: [],
            read: indexes,
            margin: (booking.bufferBeforeMinutes + booking.bufferAfterMinutes) * 60_000,
          },
        ],
        {
          create: [appointment],
          links: video.links,
          linkUpdates: [],
          ...(video.personalRoom ? { personalRoom: video.personalRoom } : {}),
          online: {
            manage: {
              hash: manageLinkHash(secret, appointment.id),
              appointmentId: appointment.id,
              expiresAt: seconds + manageTtlSeconds,
            },
            idempotency: {
              key,
              appointmentId: appointment.id,
              expiresAt: seconds + idempotencyTtlSeconds,
            },
            ...(fresh ? { newClient: fresh } : {}),
          },
        },
        deps.appointments,
        booking.timeZone,
      );
    } catch (error) {
      const lost = (error as { lost?: string }).lost;
      // The same request booked meanwhile (a double click): answer as it did.
      if (lost === 'replayed') continue;
      // Another booking made this email's client (or this client's room) first: plan again.
      if (lost === 'client' || lost === 'personal-room') continue;
      if ((error as { code?: string }).code === 'appointment.conflict')
        return unlessReplayed(taken());
      throw error;
    }
    const [base, token] = await Promise.all([deps.appUrl(), video.token()]);
    const booked: Booked = {
      appointmentId: appointment.id,
      providerName: provider.displayName,
      visitType: type.name,
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      timeZone: booking.timeZone,
      status: requested ? 'requested' : 'booked',
      ...(requested || !token ? {} : { joinUrl: joinUrl(base, token) }),
      manageUrl: manageUrl(base, secret, appointment.id),
      newClient: fresh !== undefined,
    };
    if (requested && address)
      await tellRequestReceived(
        address,
        { ...booked, timeZone: input.timeZone ?? booked.timeZone },
        deps,
      );
    return booked;
  }
  throw conflict('appointment.busy', 'This calendar is changing right now. Please try again.');
}

/**
 * The days any visit type (≤ 4 h) with any buffers (≤ 2 h each) could touch around a start,
 * read before the settings are known so that everything is read at once.
 */
const hour = 3_600_000;
const daysWide = (start: number) =>
  utcDays(new Date(start - 4 * hour).toISOString(), new Date(start + 8 * hour).toISOString());

function newClientFor(
  address: string,
  input: Partial<BookingInput>,
  policy: 'off' | 'book' | 'request',
  deps: BookDeps,
  now: Date,
): Client {
  if (policy === 'off')
    throw forbidden(
      'booking.new_clients_off',
      'This provider takes online bookings from existing clients only. Please call the clinic.',
    );
  if (!input.firstName || !input.lastName)
    throw invalid('validation.failed', 'Enter your first and last name.', {
      ...(input.firstName ? {} : { firstName: 'First name is required' }),
      ...(input.lastName ? {} : { lastName: 'Last name is required' }),
    });
  return newClient(
    {
      firstName: input.firstName,
      lastName: input.lastName,
      email: address,
      ...(input.phone ? { phone: input.phone } : {}),
    },
    deps.newId(),
    now.toISOString(),
  );
}

function newAppointment(
  provider: UserProfile,
  clientId: string,
  start: number,
  end: number,
  deps: BookDeps,
  now: Date,
): Appointment {
  const at = now.toISOString();
  return {
    id: deps.newId(),
    providerId: provider.sub,
    clientId,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(end).toISOString(),
    status: 'scheduled',
    video: true,
    bookedOnline: true,
    createdAt: at,
    updatedAt: at,
    createdBy: 'online',
    version: 1,
  };
}

/** The answer a booking gave, made again for a retried request (nothing is booked twice). */
async function answerOf(appointmentId: string, deps: BookDeps): Promise<Booked> {
  const [appointment, secret, base] = await Promise.all([
    deps.appointments.get(appointmentId),
    deps.linkSecret(),
    deps.appUrl(),
  ]);
  if (!appointment) throw conflict('appointment.busy', 'Please try again.');
  const [provider, booking, linkId] = await Promise.all([
    deps.users.get(appointment.providerId),
    deps.bookingSettings.get(appointment.providerId),
    joinLinkIdOf(appointment, deps),
  ]);
  const minutes = (Date.parse(appointment.endsAt) - Date.parse(appointment.startsAt)) / 60_000;
  return {
    appointmentId,
    providerName: provider?.displayName ?? '',
    visitType:
      appointment.visitType?.name ??
      booking?.visitTypes.find((t) => t.minutes === minutes)?.name ??
      'Video visit',
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    timeZone: booking?.timeZone ?? '',
    status: appointment.pendingApproval ? 'requested' : 'booked',
    ...(linkId && !appointment.pendingApproval
      ? { joinUrl: joinUrl(base, linkToken(secret, linkId)) }
      : {}),
    manageUrl: manageUrl(base, secret, appointment.id),
    newClient: false,
  };
}
