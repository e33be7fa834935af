import type { UserActor } from '../identity/actor';
import { AppError, conflict, notFound } from '../platform/errors';
import { mayManage } from '../scheduling/booking';
import { joinState } from '../scheduling/join-window';
import { requireTeletherapy } from '../scheduling/video-options';
import { applyCommand } from './apply';
import type { VisitDeps } from './deps';
import { react } from './reactions';
import { dropAttendee, joinInfoFor } from './session';
import type { Visit } from './visit';
import { type Command, findByIdentity, newVisit } from './waiting-room';

/** Staff may look at a visit (a provider only at their own); only its provider runs it. */
export async function requireVisit(
  actor: UserActor,
  visitId: string,
  deps: VisitDeps,
  host = false,
): Promise<Visit> {
  const visit = await deps.visits.get(visitId);
  const own = visit?.providerId === actor.sub;
  const visible =
    visit &&
    (own || (actor.role !== 'provider' && mayManage(actor, { providerId: visit.providerId })));
  if (!visit || !visible || (host && !own))
    throw notFound('visit.not_found', 'There is no such visit, or it is not yours to run.');
  return visit;
}

/** A new, empty visit for an appointment: the cap comes from the clinic settings of the moment. */
export async function visitForAppointment(
  appointmentId: string,
  providerId: string,
  deps: VisitDeps,
): Promise<Visit> {
  const settings = await deps.settings.get();
  return {
    ...newVisit(appointmentId, providerId, settings.maxExtraAttendees),
    appointmentId,
    version: 0,
    createdAt: deps.now().toISOString(),
  };
}

/** Whether the appointment's join window is open now; the visit opens no earlier, no later. */
export async function requireJoinWindow(appointmentId: string, deps: VisitDeps) {
  const appointment = await deps.appointments.get(appointmentId);
  if (!appointment?.video)
    throw notFound('visit.not_found', 'There is no video visit for this appointment.');
  const state = joinState(appointment, await deps.settings.get(), deps.now());
  if (!state.enabled) {
    if (state.reason === 'too-early')
      throw conflict('visit.not_open', `${state.message} It opens at ${state.opensAt}.`);
    throw new AppError('visit.closed', state.message, 'gone');
  }
  return appointment;
}

/** The provider starts (or comes back to) the visit of their appointment, and gets in at once. */
export async function startVisit(actor: UserActor, appointmentId: string, deps: VisitDeps) {
  const appointment = await requireJoinWindow(appointmentId, deps);
  if (appointment.providerId !== actor.sub)
    throw notFound('visit.not_found', 'There is no such visit, or it is not yours to run.');
  // Checked at start, not booking: the permission may have been turned off since.
  requireTeletherapy(actor);
  const { visit, events } = await applyCommand(
    appointmentId,
    { type: 'start', participantId: deps.newId(), sub: actor.sub, name: actor.displayName },
    actor.sub,
    deps,
    () => visitForAppointment(appointmentId, actor.sub, deps),
  );
  await react(visit, events, deps);
  return visit;
}

/** The provider's own join information (starting the visit if they had not). */
export async function hostSession(actor: UserActor, visitId: string, deps: VisitDeps) {
  let visit = await requireVisit(actor, visitId, deps, true);
  const provider = findByIdentity(visit, 'provider');
  if (visit.status === 'ended') throw new AppError('visit.ended', 'This visit has ended.', 'gone');
  if (provider?.state !== 'admitted') visit = await startVisit(actor, visitId, deps);
  const me = findByIdentity(visit, 'provider');
  if (!me) throw new Error('The provider is not in their visit');
  return joinInfoFor(visit, me.participantId, deps);
}

/** Allow (one, or several at once), Deny, or Remove; the provider of the visit only. */
export async function hostCommand(
  actor: UserActor,
  visitId: string,
  command: Extract<Command, { type: 'admit' | 'deny' | 'remove' }>,
  deps: VisitDeps,
): Promise<Visit> {
  await requireVisit(actor, visitId, deps, true);
  const { visit, events } = await applyCommand(visitId, command, actor.sub, deps);
  // Removal is not done until the person's media is cut: delete their attendee now (again if
  // a retry), before answering, rather than leave it to a best-effort notification.
  if (command.type === 'remove') await dropAttendee(visit, command.participantId, deps);
  await react(visit, events, deps);
  return visit;
}

/** End visit: the meeting is deleted, every link revoked, the appointment completed. Twice is harmless. */
export async function endVisit(
  actor: UserActor,
  visitId: string,
  deps: VisitDeps & { completeAppointment(appointmentId: string): Promise<void> },
): Promise<Visit> {
  let visit = await requireVisit(actor, visitId, deps, true);
  if (visit.status === 'open') {
    // The appointment is completed (every link revoked) before the visit reads "ended": if
    // that fails, the visit stays open and End can be pressed again; never ended-but-scheduled.
    if (visit.appointmentId) await deps.completeAppointment(visit.appointmentId);
    const result = await applyCommand(visitId, { type: 'end' }, actor.sub, deps);
    visit = result.visit;
    await finishEnded(visit, deps);
    await react(visit, result.events, deps);
    return visit;
  }
  await finishEnded(visit, deps);
  return visit;
}

async function finishEnded(
  visit: Visit,
  deps: VisitDeps & { completeAppointment(appointmentId: string): Promise<void> },
): Promise<void> {
  const meeting = await deps.visits.meeting(visit.visitId);
  if (meeting) await deps.meetings.end(meeting.meetingId);
  if (visit.appointmentId) await deps.completeAppointment(visit.appointmentId);
  if (visit.roomId) await deps.rooms.setActiveVisit(visit.roomId, undefined, visit.visitId);
}

/** A provider opens a room's visit (an ad-hoc room, or a personal room between appointments). */
export async function startRoomVisit(
  actor: UserActor,
  roomId: string,
  deps: VisitDeps,
): Promise<Visit> {
  const room = await deps.rooms.get(roomId);
  if (!room) throw notFound('room.not_found', 'There is no room with this id.');
  // Whoever starts a room's visit hosts it, so it is the starter who needs the permission.
  requireTeletherapy(actor);
  const visitId = room.activeVisitId ?? deps.newId();
  const create = async (): Promise<Visit> => {
    if (!room.activeVisitId && !(await deps.rooms.setActiveVisit(room.id, visitId, undefined))) {
      throw conflict('visit.busy', 'The room is opening right now; try again.');
    }
    const settings = await deps.settings.get();
    return {
      ...newVisit(visitId, actor.sub, settings.maxExtraAttendees),
      roomId: room.id,
      version: 0,
      createdAt: deps.now().toISOString(),
    };
  };
  const { visit, events } = await applyCommand(
    visitId,
    { type: 'start', participantId: deps.newId(), sub: actor.sub, name: actor.displayName },
    actor.sub,
    deps,
    create,
  );
  await react(visit, events, deps);
  return visit;
}

/** Today's open visits: a provider's own; every provider's for the front desk and managers. */
export async function openVisits(actor: UserActor, deps: VisitDeps): Promise<Visit[]> {
  const now = deps.now().getTime();
  const from = new Date(now - 12 * 3600_000).toISOString();
  const to = new Date(now + 12 * 3600_000).toISOString();
  const providers =
    actor.role === 'provider'
      ? [actor.sub]
      : (await deps.users.list()).filter((u) => u.role === 'provider').map((u) => u.sub);
  const appointments = (
    await Promise.all(providers.map((p) => deps.appointments.listForProvider(p, from, to)))
  )
    .flat()
    .filter((a) => a.video);
  const visits = await Promise.all(appointments.map((a) => deps.visits.get(a.id)));
  return visits.filter((v): v is Visit => v?.status === 'open');
}
