import type { UserActor } from '../identity/actor';
import { conflict, notFound } from '../platform/errors';
import { requireTeletherapy } from '../scheduling/video-options';
import { applyCommand } from './apply';
import type { VisitDeps } from './deps';
import { knownIdentities, participantIdFor } from './participant-ids';
import { seatsFor } from './seats';
import type { Visit } from './visit';
import {
  newAppointmentVisit,
  providerParticipantId,
  requireJoinWindow,
  requireVideoAppointment,
  requireVisible,
} from './visit-lookup';
import { newVisit } from './waiting-room';

/**
 * The provider starts (or comes back to) the visit of their appointment, and gets in at once.
 * Starting makes the Chime meeting, with attendees for everyone the visit knows (provider,
 * client, each invitee: CreateMeetingWithAttendees), so that admitting them later needs no call
 * to Chime: one Chime call per visit at the clinic's peak. Three round trips: the reads and the
 * turn at Chime's pacer together, the Chime call, one transaction (state, audit, meeting,
 * attendees). A provider coming back to a visit that has its meeting leaves the turn unused.
 */
export async function startVisit(actor: UserActor, appointmentId: string, deps: VisitDeps) {
  const providerId = providerParticipantId(appointmentId);
  const turn = deps.meetings.reserve();
  const [appointment, first, invitees, settings] = await Promise.all([
    deps.appointments.get(appointmentId),
    deps.visits.snapshot(appointmentId),
    deps.invitees.list(appointmentId),
    deps.settings.get(),
  ]);
  const video = requireVideoAppointment(appointment);
  const now = deps.now();
  requireJoinWindow(video, settings, now);
  if (video.providerId !== actor.sub)
    throw notFound('visit.not_found', 'There is no such visit, or it is not yours to run.');
  // Checked at start, not booking: the permission may have been turned off since.
  requireTeletherapy(actor);
  const known = knownIdentities(invitees).map((identity) =>
    participantIdFor(appointmentId, identity),
  );
  const { visit } = await applyCommand(
    appointmentId,
    { type: 'start', participantId: providerId, sub: actor.sub, name: actor.displayName },
    actor.sub,
    deps,
    {
      first,
      create: () => newAppointmentVisit(video, settings, now),
      extras: ({ next, snapshot }) => seatsFor(next, snapshot, [providerId], deps, known, turn),
    },
  );
  return visit;
}

/** A provider opens a room's visit (an ad-hoc room, or a personal room between appointments). */
export async function startRoomVisit(
  actor: UserActor,
  roomId: string,
  deps: VisitDeps,
): Promise<Visit> {
  const [room, settings] = await Promise.all([deps.rooms.get(roomId), deps.settings.get()]);
  if (!room) throw notFound('room.not_found', 'There is no room with this id.');
  // Whoever starts a room's visit hosts it, so it is the starter who needs the permission.
  requireTeletherapy(actor);
  const visitId = room.activeVisitId ?? deps.newId();
  if (!room.activeVisitId && !(await deps.rooms.setActiveVisit(room.id, visitId, undefined)))
    throw conflict('visit.busy', 'The room is opening right now; try again.');
  const providerId = providerParticipantId(visitId);
  const { visit } = await applyCommand(
    visitId,
    { type: 'start', participantId: providerId, sub: actor.sub, name: actor.displayName },
    actor.sub,
    deps,
    {
      create: () => ({
        ...newVisit(visitId, actor.sub, settings.maxExtraAttendees),
        roomId: room.id,
        version: 0,
        createdAt: deps.now().toISOString(),
      }),
      extras: ({ next, snapshot }) => seatsFor(next, snapshot, [providerId], deps),
    },
  );
  return visit;
}

/** End visit: the meeting is deleted, every link revoked, the appointment completed. Twice is harmless. */
export async function endVisit(actor: UserActor, visitId: string, deps: VisitDeps): Promise<Visit> {
  let visit = requireVisible(actor, await deps.visits.get(visitId), true);
  if (visit.status === 'open') {
    // The appointment is completed (every link revoked) before the visit reads "ended": if
    // that fails, the visit stays open and End can be pressed again; never ended-but-scheduled.
    if (visit.appointmentId) await deps.completeAppointment(visit.appointmentId);
    const meeting = await deps.visits.meeting(visitId);
    const at = deps.now().toISOString();
    const result = await applyCommand(visitId, { type: 'end' }, actor.sub, deps, {
      extras: async () =>
        meeting && !meeting.endedAt ? { meetingEnded: { meetingId: meeting.meetingId, at } } : {},
    });
    visit = result.visit;
  }
  await finishEnded(visit, deps);
  return visit;
}

async function finishEnded(visit: Visit, deps: VisitDeps): Promise<void> {
  const meeting = await deps.visits.meeting(visit.visitId);
  if (meeting) await deps.meetings.end(meeting.meetingId);
  if (visit.appointmentId) await deps.completeAppointment(visit.appointmentId);
  if (visit.roomId) await deps.rooms.setActiveVisit(visit.roomId, undefined, visit.visitId);
}

/**
 * Today's open visits: a provider's own; every provider's for the front desk and managers.
 * Those of appointments, and those open in rooms (whose guests knock without an appointment).
 */
export async function openVisits(actor: UserActor, deps: VisitDeps): Promise<Visit[]> {
  const now = deps.now().getTime();
  const from = new Date(now - 12 * 3600_000).toISOString();
  const to = new Date(now + 12 * 3600_000).toISOString();
  const providers =
    actor.role === 'provider'
      ? [actor.sub]
      : (await deps.users.list()).filter((u) => u.role === 'provider').map((u) => u.sub);
  const [byProvider, rooms] = await Promise.all([
    Promise.all(providers.map((p) => deps.appointments.listForProvider(p, from, to))),
    deps.rooms.list(),
  ]);
  const ids = [
    ...byProvider
      .flat()
      .filter((a) => a.video)
      .map((a) => a.id),
    ...rooms.flatMap((r) => (r.activeVisitId ? [r.activeVisitId] : [])),
  ];
  const visits = await Promise.all([...new Set(ids)].map((id) => deps.visits.get(id)));
  const mine = new Set(providers);
  return visits.filter((v): v is Visit => v?.status === 'open' && mine.has(v.providerId));
}

/** Staff may look at a visit (a provider only at their own). */
export async function requireVisit(actor: UserActor, visitId: string, deps: VisitDeps) {
  return requireVisible(actor, await deps.visits.get(visitId));
}
