import type { UserActor } from '../identity/actor';
import { conflict, gone, invalid, tooMany } from '../platform/errors';
import { logger } from '../platform/logger';
import { phoneLibrary } from '../shared/phone-numbers';
import { applyCommand } from './apply';
import type { VisitDeps } from './deps';
import { requireVisible } from './visit-lookup';
import type { DialStatus } from './waiting-room';

/** Calls one provider may place in an hour: enough for any day's visits, little for fraud. */
export const dialsPerHour = 10;
/** Numbers that charge the caller a premium in the US and Canada (+1 900, +1 976). */
const premium = /^\+1(900|976)/;

/**
 * "Call a phone": the provider calls someone into the visit (eVisit's "Calling them (for audio
 * only)"). The callee takes a place of the cap from the first ring and joins without the
 * waiting room once they press 1 (the provider chose to call them). Only numbers of the
 * clinic's own country, no premium-rate ones, and at most `dialsPerHour` calls per provider:
 * a stolen provider session cannot run up the clinic's phone bill. The number itself is not
 * kept: the visit shows its last four digits.
 */
export async function callPhone(
  actor: UserActor,
  visitId: string,
  request: { number: string; name?: string },
  deps: VisitDeps,
): Promise<{ participantId: string; status: 'ringing' }> {
  const line = deps.phone;
  const from = deps.clinicNumber?.();
  if (!line || !from) throw conflict('phone.not_configured', 'This clinic has no phone line.');
  const to = request.number;
  const { parsePhoneNumber } = await phoneLibrary();
  if (premium.test(to) || parsePhoneNumber(to).country !== parsePhoneNumber(from).country)
    throw invalid('phone.not_allowed', 'Only numbers in the clinic’s own country can be called.', {
      number: 'Enter a number in the clinic’s own country',
    });
  const visit = requireVisible(actor, await deps.visits.get(visitId), true);
  if (visit.status === 'ended') throw gone('visit.ended', 'This visit has ended.');
  const now = deps.now().getTime();
  const calls = (await deps.dialLimits?.count(actor.sub, now)) ?? 0;
  if (calls > dialsPerHour)
    throw tooMany(
      'phone.dial_limit',
      `You can call at most ${dialsPerHour} phones an hour. Please try again later.`,
      600,
    );
  const participantId = deps.newId();
  const lastDigits = `…${to.slice(-4)}`;
  await applyCommand(
    visitId,
    {
      type: 'call',
      participantId,
      identity: `dial:${participantId}`,
      name: request.name?.trim() || `Phone ${lastDigits}`,
      invitedAs: lastDigits,
    },
    actor.sub,
    deps,
  );
  let placed: { transactionId: string } | undefined;
  try {
    placed = await line.call(to, { visitId, participantId });
  } catch (error) {
    // The place is given back, and the provider sees the call failed (and may try again).
    logger.warn('a call could not be placed', { error: (error as Error).name });
    await dialOutStatus(visitId, participantId, 'failed', deps);
    throw error;
  }
  if (!placed) {
    await dialOutStatus(visitId, participantId, 'failed', deps);
    throw conflict('phone.not_configured', 'This clinic has no phone line.');
  }
  await dialOutStatus(visitId, participantId, 'ringing', deps, placed.transactionId);
  return { participantId, status: 'ringing' };
}

/** How the provider's call goes, as its line tells (or `phoneCall` once it is placed). */
export async function dialOutStatus(
  visitId: string,
  participantId: string,
  status: DialStatus,
  deps: Pick<VisitDeps, 'visits' | 'now'>,
  phoneCall?: string,
): Promise<void> {
  await applyCommand(
    visitId,
    { type: 'dial-status', participantId, status, ...(phoneCall ? { phoneCall } : {}) },
    'phone',
    deps,
  );
}
