import { createHmac } from 'node:crypto';
import { pinHash, typedPin } from '../invitations/pins';
import { logger } from '../platform/logger';
import type { VisitDeps } from '../visits/deps';
import { dialOutStatus } from '../visits/dial-out';
import { phoneSeat } from '../visits/join-info';
import { knockByPhone } from '../visits/knock';
import { phoneCallerLeft } from '../visits/participant-actions';
import { providerNameOf } from '../visits/visit-lookup';
import { respond, type SmaResponse } from './actions';
import {
  type CallInput,
  failuresPerHour,
  newCall,
  next,
  type PhoneCall,
  type Place,
} from './dial-in';
import { nextOut, type OutInput } from './dial-out';
import { type CallEvent, readEvent } from './events';
import type { CallerLimits, PhoneCallStore, PinDirectory, StoredCall } from './ports';

/**
 * The phone line's application service: one SIP media application event in, the actions out.
 * It reads what the event needs (the PIN's invitation, the caller's place in the visit), lets
 * the pure machine (dial-in.ts) decide, stores the call with its answer (an event retried with
 * the same Sequence gets the same answer), then tells the visit if the caller left.
 */
export interface PhoneDeps {
  calls: PhoneCallStore;
  limits: CallerLimits;
  pins: PinDirectory;
  visits: VisitDeps;
  linkSecret: () => Promise<string>;
  now: () => Date;
}

const lockForMs = 3_600_000;

export async function answerCall(input: unknown, deps: PhoneDeps): Promise<SmaResponse> {
  const event = readEvent(input);
  if (!event) {
    logger.warn('not a SIP media application event');
    return respond([]);
  }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const stored = await deps.calls.get(event.transactionId);
    if (stored && event.sequence > 0 && event.sequence <= stored.sequence)
      return stored.answer ?? respond([]);
    const call: StoredCall = stored ?? {
      ...newCall(event.transactionId, event.legA?.callId ?? ''),
      sequence: 0,
      version: 0,
    };
    const now = deps.now().getTime();
    const outbound = call.direction === 'out' || event.type === 'NEW_OUTBOUND_CALL';
    const step = await inputFor(event, call, deps, now).then((given) =>
      !given
        ? { call, actions: [], effects: [] }
        : outbound
          ? nextOut(call, given, now)
          : next(call, given as CallInput, now),
    );
    const answer = respond(step.actions, attributesOf(step.call));
    const saved = await deps.calls.put({
      ...step.call,
      sequence: event.sequence,
      answer,
      version: call.version,
    });
    if (saved === 'lost') continue; // another event of this call was answered meanwhile
    const { visitId, participantId } = step.call;
    if (visitId && participantId)
      for (const effect of step.effects) {
        if (effect.type === 'left') await phoneCallerLeft(visitId, participantId, deps.visits);
        else await dialOutStatus(visitId, participantId, effect.status, deps.visits);
      }
    logger.info('phone event', { type: event.type, stage: step.call.stage });
    return answer;
  }
  throw new Error('The call kept changing while its event was answered');
}

/** What the SIP media application sees of our state: the stage, never a name or a PIN. */
const attributesOf = (call: PhoneCall) => ({
  stage: call.stage,
  ...(call.visitId ? { visitId: call.visitId } : {}),
});

/** A calling number as the limits table knows it: a keyed hash, never the number. */
async function callerKey(event: CallEvent, deps: PhoneDeps): Promise<string> {
  const from = event.legA?.from ?? '';
  return createHmac('sha256', await deps.linkSecret())
    .update(`televisit-caller:${from}`)
    .digest('hex');
}

async function inputFor(
  event: CallEvent,
  call: PhoneCall,
  deps: PhoneDeps,
  now: number,
): Promise<OutInput | undefined> {
  const action = event.action?.type ?? '';
  switch (event.type) {
    case 'NEW_OUTBOUND_CALL': {
      const { visitId, participantId } = event.action?.arguments ?? {};
      return visitId && participantId ? { kind: 'outgoing', visitId, participantId } : undefined;
    }
    case 'CALL_ANSWERED': {
      if (call.stage !== 'ringing' || !call.visitId) return undefined;
      const [settings, visit] = await Promise.all([
        deps.visits.settings.get(),
        deps.visits.visits.get(call.visitId),
      ]);
      const providerName = visit ? await providerNameOf(visit, deps.visits).catch(() => '') : '';
      return {
        kind: 'answered',
        clinic: settings.name,
        providerName: providerName || 'Your provider',
      };
    }
    case 'NEW_INBOUND_CALL': {
      const [until, settings] = await Promise.all([
        deps.limits.lockedUntil(await callerKey(event, deps)),
        deps.visits.settings.get(),
      ]);
      return { kind: 'incoming', lockedOut: (until ?? 0) > now, clinic: settings.name };
    }
    case 'ACTION_SUCCESSFUL':
    case 'ACTION_FAILED': {
      const ok = event.type === 'ACTION_SUCCESSFUL';
      if (action === 'SpeakAndGetDigits' && call.stage === 'asking') {
        const digit = ok ? event.action?.digits : undefined;
        return {
          kind: 'choice',
          digit,
          ...(digit === '1' ? { place: await placeOf(call, deps) } : {}),
        };
      }
      if (action === 'SpeakAndGetDigits' && call.stage === 'pin') {
        const pin = ok ? typedPin(event.action?.digits ?? '') : undefined;
        return pin ? checkPin(pin, event, call, deps, now) : { kind: 'no-pin' };
      }
      if (action === 'JoinChimeMeeting') return { kind: ok ? 'joined' : 'join-failed' };
      if (call.stage === 'waiting') return { kind: 'place', place: await placeOf(call, deps) };
      return undefined;
    }
    case 'CALL_UPDATE_REQUESTED': {
      const op = event.action?.arguments.op;
      if ((op === 'mute' || op === 'unmute') && call.visitId && call.participantId) {
        const seat = await phoneSeat(call.visitId, call.participantId, deps.visits);
        if (seat.state !== 'admitted') return undefined;
        const { meetingId, attendeeId } = seat.join;
        return { kind: 'mute', mute: op === 'mute', meetingId, attendeeId };
      }
      // Whatever the update says, the visit is the truth: read where the caller stands.
      return call.stage === 'pin' ? undefined : { kind: 'place', place: await placeOf(call, deps) };
    }
    case 'HANGUP': {
      if (call.stage === 'ringing') return { kind: 'not-reached', status: unreached(event) };
      const callerGone = event.legA?.connected === false || event.action?.tag === 'LEG-A';
      if (callerGone || !event.legA) return { kind: 'hung-up' };
      return { kind: 'meeting-left', place: await placeOf(call, deps) };
    }
    case 'INVALID_LAMBDA_RESPONSE':
      logger.error('the phone line refused our answer', { error: event.action?.error });
      return { kind: 'broken' };
    default:
      // RINGING, ACTION_INTERRUPTED (its actions are ignored anyway), DIGITS_RECEIVED.
      return undefined;
  }
}

/** Why a call the provider placed did not connect, from the SIP response of its hang-up. */
function unreached(event: CallEvent): 'no-answer' | 'busy' | 'declined' | 'failed' {
  const code = event.action?.sipCode ?? 0;
  if (code === 486 || code === 600) return 'busy';
  if (code === 603) return 'declined';
  if (code === 0 || code === 408 || code === 480 || code === 487) return 'no-answer';
  return 'failed';
}

async function checkPin(
  pin: string,
  event: CallEvent,
  call: PhoneCall,
  deps: PhoneDeps,
  now: number,
): Promise<CallInput> {
  const secret = await deps.linkSecret();
  const found = await deps.pins.byHash(pinHash(secret, pin));
  // A real PIN whose visit is over (ended, cancelled, or past its grace) is no failure.
  if (found && (found.revokedAt || found.expiresAt <= now / 1000))
    return { kind: 'pin', check: { result: 'over' } };
  if (!found) {
    const key = await callerKey(event, deps);
    const failures = await deps.limits.fail(key, now);
    const locked = failures >= failuresPerHour;
    await Promise.all([
      locked ? deps.limits.lock(key, now + lockForMs) : undefined,
      auditFailure(key, failures, locked, now, deps),
    ]);
    logger.warn('a PIN did not match', { failures });
    return { kind: 'pin', check: { result: 'wrong', failuresThisHour: failures } };
  }
  const knocked = await knockByPhone(
    found,
    { transactionId: call.transactionId, lastDigits: (event.legA?.from ?? '').slice(-4) },
    deps.visits,
  );
  // The invitation was withdrawn, or the appointment is no video visit any more.
  if (!knocked) return { kind: 'pin', check: { result: 'over' } };
  if (knocked.result !== 'early') return { kind: 'pin', check: knocked };
  const settings = await deps.visits.settings.get();
  const at = new Date(knocked.opensAt);
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-US', { timeZone: settings.timeZone, ...options }).format(at);
  // "on Wednesday at 9:45 AM", in the clinic's time zone, as a person would say it.
  const opensAt = `on ${part({ weekday: 'long' })} at ${part({ hour: 'numeric', minute: '2-digit' })}`;
  return { kind: 'pin', check: { result: 'early', opensAt } };
}

/**
 * The clinic's audit trail keeps every failed PIN and every lockout, by the calling number's
 * keyed hash (its first 16 characters tell callers apart), never the number or the digits.
 */
function auditFailure(
  key: string,
  failures: number,
  locked: boolean,
  now: number,
  deps: PhoneDeps,
) {
  const at = new Date(now).toISOString();
  const caller = key.slice(0, 16);
  return deps.visits.audit.append([
    {
      eventId: `phone:${caller}:pin_failed:${at}`,
      at,
      type: 'phone.pin_failed',
      actor: 'phone',
      details: { caller, failuresThisHour: failures },
    },
    ...(locked
      ? [
          {
            eventId: `phone:${caller}:locked:${at}`,
            at,
            type: 'phone.locked',
            actor: 'phone',
            details: { caller, forMinutes: lockForMs / 60_000 },
          },
        ]
      : []),
  ]);
}

async function placeOf(call: PhoneCall, deps: PhoneDeps): Promise<Place> {
  if (!call.visitId || !call.participantId) return { state: 'ended' };
  const seat = await phoneSeat(call.visitId, call.participantId, deps.visits);
  return seat.state === 'admitted'
    ? {
        state: 'admitted',
        join: { meetingId: seat.join.meetingId, joinToken: seat.join.joinToken },
      }
    : seat;
}
