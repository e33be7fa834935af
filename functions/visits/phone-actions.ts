import type { UserActor } from '../identity/actor';
import { conflict, gone, notFound } from '../platform/errors';
import type { VisitDeps } from './deps';
import { requireVisible } from './visit-lookup';

/**
 * The provider mutes or unmutes a caller on the phone. A phone has no page to ask: the call is
 * woken with the wish (UpdateSipMediaApplicationCall) and its line mutes the caller's leg in
 * the meeting (ModifyChimeMeetingAttendees). A caller can be muted only while in the call.
 */
export async function mutePhoneCaller(
  actor: UserActor,
  visitId: string,
  request: { participantId: string; muted: boolean },
  deps: Pick<VisitDeps, 'visits' | 'phone'>,
): Promise<{ participantId: string; muted: boolean }> {
  const visit = requireVisible(actor, await deps.visits.get(visitId), true);
  if (visit.status === 'ended') throw gone('visit.ended', 'This visit has ended.');
  const caller = visit.participants[request.participantId];
  if (!caller)
    throw notFound('participant.not_found', 'There is no such participant in this visit.');
  if (caller.via !== 'phone' || !caller.phoneCall)
    throw conflict(
      'participant.not_phone',
      `${caller.name} is not on the phone: they mute themselves.`,
    );
  if (caller.state !== 'admitted')
    throw conflict('participant.not_in_call', `${caller.name} is not in the call.`);
  const sent = await deps.phone?.update(caller.phoneCall, {
    op: request.muted ? 'mute' : 'unmute',
    visitId,
  });
  if (sent !== 'sent') throw gone('participant.hung_up', `${caller.name} has hung up.`);
  return { participantId: caller.participantId, muted: request.muted };
}
