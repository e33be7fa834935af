import type { UserActor } from '../identity/actor';
import { hashOfLink, makeLink } from '../links/link';
import { conflict, invalid } from '../platform/errors';
import type { Appointment, BookingWrite } from './appointment';
import { linkExpiry, requireAppointment } from './appointment-access';
import type { AppointmentPatch } from './appointment-input';
import {
  type BookingDeps,
  checkTimes,
  requireActiveClient,
  requireProvider,
  slotOf,
} from './booking';
import { type CalendarChange, commitOnCalendars, withPersonalRoomRace } from './calendar-commit';
import { requireTeletherapy, resolveVideoOption, type VideoChoice } from './video-options';

/** The video option after an edit: kept, changed, newly chosen, or gone. */
async function nextVideoOption(
  current: Appointment,
  patch: AppointmentPatch,
  video: boolean,
  clientId: string,
  actor: UserActor,
  deps: BookingDeps,
): Promise<VideoChoice | undefined> {
  if (!video) return undefined;
  if (patch.videoOption === undefined && current.video && current.videoOption)
    return { videoOption: current.videoOption };
  const client = await deps.clients.get(clientId);
  if (!client)
    throw invalid('client.not_found', 'That client does not exist.', {
      clientId: 'No such client',
    });
  return resolveVideoOption(patch.videoOption, client, actor.sub, deps);
}

/** Changes an appointment: times, client, provider, reason, notes, video and its option. */
export function updateAppointment(
  actor: UserActor,
  id: string,
  patch: AppointmentPatch,
  deps: BookingDeps,
): Promise<Appointment> {
  return withPersonalRoomRace(() => updateOnce(actor, id, patch, deps));
}

async function updateOnce(
  actor: UserActor,
  id: string,
  patch: AppointmentPatch,
  deps: BookingDeps,
): Promise<Appointment> {
  const current = await requireAppointment(actor, id, deps.appointments);
  if (current.status !== 'scheduled') {
    throw conflict(
      'appointment.not_editable',
      `This appointment is ${current.status} and can no longer be changed.`,
    );
  }
  if (patch.expectedVersion !== undefined && patch.expectedVersion !== current.version) {
    throw conflict(
      'appointment.changed',
      'Someone else changed this appointment meanwhile. Reload it and try again.',
    );
  }
  const startsAt = patch.startsAt ?? current.startsAt;
  const endsAt = patch.endsAt ?? current.endsAt;
  checkTimes(startsAt, endsAt);
  const provider = await requireProvider(actor, patch.providerId ?? current.providerId, deps.users);
  const oldProvider =
    provider.sub === current.providerId ? provider : await deps.users.get(current.providerId);
  if (patch.clientId && patch.clientId !== current.clientId)
    await requireActiveClient(deps.clients, patch.clientId);
  const clientId = patch.clientId ?? current.clientId;
  const video = patch.video ?? current.video;
  // Only a new video session needs the permission now: one booked before it was turned off
  // stays editable (notes, time, cancel, back to in person), as the clinic expects.
  const newVideoSession = video && (!current.video || provider.sub !== current.providerId);
  if (newVideoSession) requireTeletherapy(provider);
  const choice = await nextVideoOption(current, patch, video, clientId, actor, deps);
  const videoOption = choice?.videoOption;
  const settings = await deps.settings.get();
  const now = deps.now().toISOString();
  const { videoOption: _old, linkId: _oldLink, ...rest } = current;
  const next: Appointment = {
    ...rest,
    providerId: provider.sub,
    clientId,
    startsAt,
    endsAt,
    video,
    ...(videoOption ? { videoOption } : {}),
    ...(patch.reason !== undefined ? { reason: patch.reason } : {}),
    ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
    updatedAt: now,
    version: current.version + 1,
  };
  const links: BookingWrite['links'] = [];
  const linkUpdates: BookingWrite['linkUpdates'] = [];
  const secret = await deps.linkSecret();
  const keepsLink = videoOption?.kind === 'generated' && current.linkId !== undefined;
  if (keepsLink && current.linkId) next.linkId = current.linkId;
  else if (current.linkId)
    linkUpdates.push({ hash: hashOfLink(secret, current.linkId), revokedAt: now });
  if (videoOption?.kind === 'generated' && !keepsLink) {
    const link = makeLink(
      { kind: 'appointment', appointmentId: id },
      secret,
      now,
      linkExpiry(endsAt, settings),
    );
    next.linkId = link.record.linkId;
    links.push({ record: link.record, hash: link.hash, appointmentId: id });
  }
  const moved =
    provider.sub !== current.providerId ||
    startsAt !== current.startsAt ||
    endsAt !== current.endsAt;
  const calendars: CalendarChange[] = !moved
    ? []
    : provider.sub === current.providerId
      ? [{ provider, add: [slotOf(next)], remove: [slotOf(current)] }]
      : [
          { provider, add: [slotOf(next)], remove: [] },
          ...(oldProvider ? [{ provider: oldProvider, add: [], remove: [slotOf(current)] }] : []),
        ];
  await commitOnCalendars(
    calendars,
    {
      create: [],
      update: { appointment: next, expectedVersion: current.version },
      links,
      linkUpdates,
      // Every link, PIN and invitation of the appointment stops working at the new end + grace.
      ...(endsAt !== current.endsAt
        ? { appointmentLinks: { appointmentId: id, expiresAt: linkExpiry(endsAt, settings) } }
        : {}),
      ...(choice?.personalRoom ? { personalRoom: choice.personalRoom } : {}),
    },
    deps.appointments,
    settings.timeZone,
  );
  return next;
}
