import type { UserActor, UserDirectory, UserProfile } from '../identity/actor';
import { makeLink } from '../links/link';
import { conflict, forbidden, invalid } from '../platform/errors';
import type { Appointment, AppointmentStore, BookingWrite } from './appointment';
import { linkExpiry, requireAppointment } from './appointment-access';
import type { AppointmentInput } from './appointment-input';
import { commitOnCalendars, withPersonalRoomRace } from './calendar-commit';
import { type Slot, timeProblems, utcDays } from './calendar-rules';
import type { Client, ClientStore } from './clients';
import type { SettingsStore } from './clinic';
import { requireTeletherapy, resolveVideoOption, type VideoDeps } from './video-options';
import { weeklyOccurrences } from './weekly';

export interface BookingDeps extends VideoDeps {
  appointments: AppointmentStore;
  clients: ClientStore;
  users: UserDirectory;
  settings: SettingsStore;
}

export async function requireProvider(
  actor: UserActor,
  providerId: string | undefined,
  users: UserDirectory,
): Promise<UserProfile> {
  const id = providerId ?? (actor.role === 'provider' ? actor.sub : undefined);
  if (!id)
    throw invalid('validation.failed', 'Choose the provider.', {
      providerId: 'Choose the provider',
    });
  if (actor.role === 'provider' && id !== actor.sub) {
    throw forbidden('appointment.forbidden', 'Providers book only on their own calendar.');
  }
  const provider = await users.get(id);
  if (provider?.role !== 'provider' || provider.status !== 'active') {
    throw invalid('provider.not_found', 'That provider does not exist.', {
      providerId: 'No such provider',
    });
  }
  return provider;
}

export async function requireActiveClient(clients: ClientStore, clientId: string): Promise<Client> {
  const client = await clients.get(clientId);
  if (!client)
    throw invalid('client.not_found', 'That client does not exist.', {
      clientId: 'No such client',
    });
  if (client.status !== 'active')
    throw invalid('client.archived', 'That client is archived.', {
      clientId: 'The client is archived',
    });
  return client;
}

export function checkTimes(startsAt: string, endsAt: string): void {
  const problems = timeProblems(startsAt, endsAt);
  const message = Object.values(problems)[0];
  if (message) throw invalid('validation.failed', `${message}.`, problems);
}

export const slotOf = (a: Pick<Appointment, 'id' | 'startsAt' | 'endsAt'>): Slot => ({
  appointmentId: a.id,
  startsAt: a.startsAt,
  endsAt: a.endsAt,
});

/** What a booking made, with the people it read (so its answer needs no second read). */
export interface Booked {
  appointments: Appointment[];
  provider: UserProfile;
  client: Client;
}

/** Books one appointment, or a weekly series, on a provider's calendar. */
export function createAppointments(
  actor: UserActor,
  input: AppointmentInput,
  deps: BookingDeps,
): Promise<Booked> {
  return withPersonalRoomRace(() => bookOnce(actor, input, deps));
}

/**
 * Two round trips for a booking with a generated link: the provider, the client and the
 * provider's days are read together, then everything is written in one transaction (a room
 * choice reads the room in between). The link secret and settings are cached per instance.
 */
async function bookOnce(
  actor: UserActor,
  input: AppointmentInput,
  deps: BookingDeps,
): Promise<Booked> {
  checkTimes(input.startsAt, input.endsAt);
  const settings = await deps.settings.get();
  const occurrences = await weeklyOccurrences(
    input.startsAt,
    input.endsAt,
    input.repeatWeeks,
    settings.timeZone,
  );
  const providerId = input.providerId ?? (actor.role === 'provider' ? actor.sub : undefined);
  const days = [...new Set(occurrences.flatMap((o) => utcDays(o.startsAt, o.endsAt)))];
  const [provider, client, indexes, secret] = await Promise.all([
    requireProvider(actor, input.providerId, deps.users),
    requireActiveClient(deps.clients, input.clientId),
    providerId ? deps.appointments.dayIndexes(providerId, days) : undefined,
    input.video ? deps.linkSecret() : '',
  ]);
  if (input.video) requireTeletherapy(provider);
  const choice = input.video
    ? await resolveVideoOption(input.videoOption, client, actor.sub, deps)
    : undefined;
  const videoOption = choice?.videoOption;
  const now = deps.now().toISOString();
  const seriesId = input.repeatWeeks > 1 ? deps.newId() : undefined;
  const links: BookingWrite['links'] = [];
  const created = occurrences.map((times) => {
    const appointment: Appointment = {
      id: deps.newId(),
      providerId: provider.sub,
      clientId: client.id,
      ...times,
      status: 'scheduled',
      video: input.video,
      ...(videoOption ? { videoOption } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.notes ? { notes: input.notes } : {}),
      ...(seriesId ? { seriesId } : {}),
      createdAt: now,
      updatedAt: now,
      createdBy: actor.sub,
      version: 1,
    };
    if (videoOption?.kind === 'generated') {
      const link = makeLink(
        { kind: 'appointment', appointmentId: appointment.id },
        secret,
        now,
        linkExpiry(times.endsAt, settings),
      );
      appointment.linkId = link.record.linkId;
      links.push({ record: link.record, hash: link.hash, appointmentId: appointment.id });
    }
    return appointment;
  });
  await commitOnCalendars(
    [{ provider, add: created.map(slotOf), remove: [], ...(indexes ? { read: indexes } : {}) }],
    {
      create: created,
      links,
      linkUpdates: [],
      ...(choice?.personalRoom ? { personalRoom: choice.personalRoom } : {}),
    },
    deps.appointments,
    settings.timeZone,
  );
  return { appointments: created, provider, client };
}

/** Cancels an appointment: frees the slot and revokes every link to it at once. */
export async function cancelAppointment(
  actor: UserActor,
  id: string,
  deps: BookingDeps,
): Promise<Appointment> {
  const current = await requireAppointment(actor, id, deps.appointments);
  return cancelAs(current, deps);
}

/** Cancels an appointment the caller may cancel (staff, or a client by their manage link). */
export async function cancelAs(
  current: Appointment,
  deps: Pick<BookingDeps, 'users' | 'now' | 'settings' | 'appointments'>,
  /** The version read, when `current` carries changes of the caller's (a declined request). */
  expectedVersion = current.version,
): Promise<Appointment> {
  if (current.status === 'cancelled') return current;
  if (current.status !== 'scheduled') {
    throw conflict(
      'appointment.not_editable',
      `This appointment is ${current.status} and can no longer be cancelled.`,
    );
  }
  const provider = await deps.users.get(current.providerId);
  if (!provider) throw new Error('An appointment refers to a provider that does not exist');
  const now = deps.now().toISOString();
  const next: Appointment = {
    ...current,
    status: 'cancelled',
    updatedAt: now,
    version: expectedVersion + 1,
  };
  const settings = await deps.settings.get();
  await commitOnCalendars(
    [{ provider, add: [], remove: [slotOf(current)] }],
    {
      create: [],
      update: { appointment: next, expectedVersion },
      links: [],
      linkUpdates: [],
      appointmentLinks: { appointmentId: current.id, revokedAt: now },
    },
    deps.appointments,
    settings.timeZone,
  );
  return next;
}
