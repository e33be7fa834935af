import type { UserActor } from '../identity/actor';
import { tokenHash } from '../links/tokens';
import { AppError, conflict, notFound, unauthenticated } from '../platform/errors';
import type { Appointment } from '../scheduling/appointment';
import { mayManage } from '../scheduling/appointment-access';
import type { ClinicSettings } from '../scheduling/clinic';
import { joinState } from '../scheduling/join-window';
import type { VisitDeps } from './deps';
import { participantIdFor } from './participant-ids';
import type { VisitSnapshot } from './ports';
import type { Visit } from './visit';
import { newVisit, type Participant } from './waiting-room';

/**
 * The lookups every visit action shares: the appointment's window, who may see or run a visit,
 * and whom a participant credential stands for. Each takes what was read and decides; the
 * actions read in parallel and call these, so every action reads top to bottom.
 */

/** The video appointment behind a visit, or 404. */
export function requireVideoAppointment(appointment: Appointment | undefined): Appointment {
  if (!appointment?.video)
    throw notFound('visit.not_found', 'There is no video visit for this appointment.');
  return appointment;
}

/** Whether the appointment's join window is open now; the visit opens no earlier, no later. */
export function requireJoinWindow(
  appointment: Appointment,
  settings: ClinicSettings,
  now: Date,
): { closesAt: string } {
  const state = joinState(appointment, settings, now);
  if (!state.enabled) {
    if (state.reason === 'too-early')
      throw conflict('visit.not_open', `${state.message} It opens at ${state.opensAt}.`);
    throw new AppError('visit.closed', state.message, 'gone');
  }
  return { closesAt: state.closesAt };
}

/** A new, empty visit for an appointment: the cap comes from the clinic settings of the moment. */
export function newAppointmentVisit(
  appointment: Appointment,
  settings: ClinicSettings,
  now: Date,
): Visit {
  return {
    ...newVisit(appointment.id, appointment.providerId, settings.maxExtraAttendees),
    appointmentId: appointment.id,
    version: 0,
    createdAt: now.toISOString(),
  };
}

/** Staff may look at a visit (a provider only at their own); only its provider runs it. */
export function requireVisible(actor: UserActor, visit: Visit | undefined, host = false): Visit {
  const own = visit?.providerId === actor.sub;
  const visible =
    visit &&
    (own || (actor.role !== 'provider' && mayManage(actor, { providerId: visit.providerId })));
  if (!visit || !visible || (host && !own))
    throw notFound('visit.not_found', 'There is no such visit, or it is not yours to run.');
  return visit;
}

/** The provider's participant id in a visit (fixed: see participant-ids.ts). */
export const providerParticipantId = (visitId: string) => participantIdFor(visitId, 'provider');

const invalidCredential = () => unauthenticated('Open your invitation link again to continue.');

/**
 * The participant a credential stands for (header `x-participant-token`), with the visit and
 * that participant's attendee: the token's item first, then one consistent read of the visit.
 */
export async function participantFor(
  token: string | undefined,
  visitId: string,
  deps: Pick<VisitDeps, 'tokens' | 'visits' | 'now'>,
): Promise<{ snapshot: VisitSnapshot; visit: Visit; participant: Participant }> {
  if (!token)
    throw new AppError(
      'participant.token_required',
      'Open your invitation link again to continue.',
      'unauthenticated',
    );
  if (token.length > 100) throw invalidCredential();
  const found = await deps.tokens.get(tokenHash(token));
  if (
    !found ||
    found.visitId !== visitId ||
    found.expiresAt <= Math.floor(deps.now().getTime() / 1000)
  )
    throw invalidCredential();
  const snapshot = await deps.visits.snapshot(visitId);
  const participant = snapshot.visit?.participants[found.participantId];
  if (!snapshot.visit || !participant) throw invalidCredential();
  return { snapshot, visit: snapshot.visit, participant };
}

/** The provider's display name, for a participant's page (cached per instance by the directory). */
export async function providerNameOf(
  visit: Pick<Visit, 'providerId'>,
  deps: Pick<VisitDeps, 'names'>,
): Promise<string> {
  return (await deps.names.get(visit.providerId))?.displayName ?? 'Your provider';
}
