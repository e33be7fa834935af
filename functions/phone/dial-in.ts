import { pinDigits, triesPerCall } from '../invitations/pins';
import type { DialStatus } from '../visits/waiting-room';
import {
  type Action,
  askDigits,
  hangup,
  joinMeeting,
  leaveMeeting,
  muteAttendee,
  pause,
  speak,
} from './actions';
import { prompts } from './prompts';

/**
 * A dial-in call as a pure state machine: what the caller hears next, given the call so far
 * and what has just happened (an event of the SIP media application, read together with the
 * facts it needs: whether the PIN matched, where the caller stands in the waiting room). The
 * waiting room itself is the visits context's own (a PIN knocks like a link); this machine only
 * turns its states into prompts and moves on the line.
 */

/** Failures from one calling number within an hour before it is asked to call the clinic. */
export const failuresPerHour = 5;
/** A caller still waiting after this long is asked to call again. */
export const maxWaitMs = 30 * 60_000;
/** How long one silent hold lasts before the caller's place is read again. */
export const holdMs = 20_000;
/** How often a waiting caller hears that they are still in line. */
export const reassureEveryMs = 60_000;
/** How long the caller has to type the PIN after the prompt. */
const pinWaitMs = 15_000;

/** `ringing` and `asking` (press 1) are a provider's call's (dial-out.ts). */
export type CallStage = 'pin' | 'ringing' | 'asking' | 'waiting' | 'joining' | 'joined' | 'over';

export interface PhoneCall {
  transactionId: string;
  /** The caller's leg (LEG-A). */
  callId: string;
  stage: CallStage;
  /** A call the provider placed (dial-out) rather than one to the clinic's number. */
  direction?: 'out';
  /** PINs that did not match in this call. */
  tries: number;
  visitId?: string;
  participantId?: string;
  waitingSince?: string;
  reassuredAt?: string;
}

/** Where the caller stands in the visit, read from the visit (the truth, whatever a hint said). */
export type Place =
  | { state: 'waiting' }
  | { state: 'admitted'; join: { meetingId: string; joinToken: string } }
  /** Admitted, but the visit is at its cap of people: they stay on hold. */
  | { state: 'full' }
  | { state: 'denied' | 'removed' | 'left' | 'ended' };

export type PinCheck =
  | { result: 'wrong'; failuresThisHour: number }
  | { result: 'early'; opensAt: string }
  | { result: 'over' }
  | { result: 'knocked'; visitId: string; participantId: string; providerName: string };

export type CallInput =
  | { kind: 'incoming'; lockedOut: boolean; clinic: string }
  | { kind: 'pin'; check: PinCheck }
  /** No digits, or not a PIN's worth (ACTION_FAILED of the prompt, or a malformed entry). */
  | { kind: 'no-pin' }
  /** The hold ended, or an update came: the caller's place, read again. */
  | { kind: 'place'; place: Place }
  | { kind: 'mute'; mute: boolean; meetingId: string; attendeeId: string }
  | { kind: 'joined' }
  | { kind: 'join-failed' }
  /** The meeting leg went (attendee deleted, meeting ended) while the caller is on the line. */
  | { kind: 'meeting-left'; place: Place }
  | { kind: 'hung-up' }
  /** The SIP media application could not use our last answer: apologise and let go. */
  | { kind: 'broken' };

/**
 * What follows from a step beside the actions: the visit hears of the caller leaving, or of how
 * the provider's call goes.
 */
export type Effect = { type: 'left' } | { type: 'dial-status'; status: DialStatus };

export interface Step {
  call: PhoneCall;
  actions: Action[];
  effects: Effect[];
}

export function newCall(transactionId: string, callId: string): PhoneCall {
  return { transactionId, callId, stage: 'pin', tries: 0 };
}

const askPin = (call: PhoneCall, prompt: string): Action =>
  askDigits(call.callId, prompt, {
    min: pinDigits,
    max: pinDigits,
    regex: `^\\d{${pinDigits}}$`,
    waitMs: pinWaitMs,
  });

export const goodbye = (call: PhoneCall, words: string, effects: Effect[] = []): Step => ({
  call: { ...call, stage: 'over' },
  actions: [speak(call.callId, words), hangup(call.callId)],
  effects,
});

const hold = (call: PhoneCall, now: number, words?: string): Step => {
  const due = now - Date.parse(call.reassuredAt ?? call.waitingSince ?? '') >= reassureEveryMs;
  const say = words ?? (due ? prompts.stillWaiting : undefined);
  return {
    call: {
      ...call,
      stage: 'waiting',
      ...(say ? { reassuredAt: new Date(now).toISOString() } : {}),
    },
    actions: [...(say ? [speak(call.callId, say)] : []), pause(call.callId, holdMs)],
    effects: [],
  };
};

/** Where the caller stands, as the line should follow it. */
export function follow(call: PhoneCall, place: Place, now: number): Step {
  switch (place.state) {
    case 'admitted':
      return {
        call: { ...call, stage: 'joining' },
        actions: [
          speak(call.callId, prompts.joining),
          joinMeeting(call.callId, place.join.meetingId, place.join.joinToken),
        ],
        effects: [],
      };
    case 'waiting':
    case 'full': {
      if (now - Date.parse(call.waitingSince ?? '') >= maxWaitMs)
        return goodbye(call, prompts.waitedTooLong, [{ type: 'left' }]);
      return hold(call, now);
    }
    case 'denied':
      return goodbye(call, prompts.denied);
    case 'removed':
      return goodbye(call, prompts.removed);
    case 'left':
    case 'ended':
      return goodbye(call, prompts.ended);
  }
}

/** The next step of a call. `now` is epoch milliseconds. */
export function next(call: PhoneCall, input: CallInput, now: number): Step {
  const none: Step = { call, actions: [], effects: [] };
  // An update's answer replaces what was still queued: one that comes while the goodbye is
  // spoken must not cancel the hang-up after it.
  if (call.stage === 'over')
    return input.kind === 'place' ? { ...none, actions: [hangup(call.callId)] } : none;
  const inCall = call.stage === 'joined' || call.stage === 'joining';
  switch (input.kind) {
    case 'incoming':
      if (call.stage !== 'pin') return none;
      if (input.lockedOut) return goodbye(call, prompts.lockedOut);
      return { call, actions: [askPin(call, prompts.greeting(input.clinic))], effects: [] };
    case 'no-pin':
      if (call.stage !== 'pin') return none;
      return retry({ ...call, tries: call.tries + 1 }, prompts.noDigits);
    case 'pin':
      if (call.stage !== 'pin') return none;
      return pinChecked(call, input.check, now);
    case 'place':
      if (call.stage === 'pin') return none;
      if (!inCall) return follow(call, input.place, now);
      // In the call already: only a removal or the end takes them out. Joining still, the
      // join is asked again (the update's answer replaces the one queued).
      if (input.place.state === 'admitted' && call.stage === 'joining')
        return {
          ...none,
          actions: [
            joinMeeting(call.callId, input.place.join.meetingId, input.place.join.joinToken),
          ],
        };
      if (input.place.state === 'admitted' || input.place.state === 'full') return none;
      return leaveCall(call, input.place);
    case 'mute':
      if (call.stage !== 'joined') return none;
      return {
        call,
        actions: [muteAttendee(input.meetingId, input.attendeeId, input.mute)],
        effects: [],
      };
    case 'joined':
      return call.stage === 'joining' ? { ...none, call: { ...call, stage: 'joined' } } : none;
    case 'join-failed':
      if (call.stage !== 'joining') return none;
      return hold({ ...call, stage: 'waiting' }, now, prompts.joinFailed);
    case 'meeting-left':
      if (!inCall) return none;
      // Still admitted (the meeting went from under them): back on hold, let in again.
      if (input.place.state === 'admitted' || input.place.state === 'full')
        return hold({ ...call, stage: 'waiting' }, now, prompts.joinFailed);
      return follow({ ...call, stage: 'waiting' }, input.place, now);
    case 'broken':
      return goodbye(call, prompts.sorry, call.participantId ? [{ type: 'left' }] : []);
    case 'hung-up':
      return {
        call: { ...call, stage: 'over' },
        actions: [],
        effects: call.participantId ? [{ type: 'left' }] : [],
      };
  }
}

function retry(call: PhoneCall, prompt: string): Step {
  if (call.tries >= triesPerCall) return goodbye(call, prompts.tooManyTries);
  return { call, actions: [askPin(call, prompt)], effects: [] };
}

function pinChecked(call: PhoneCall, check: PinCheck, now: number): Step {
  switch (check.result) {
    case 'wrong': {
      const tried = { ...call, tries: call.tries + 1 };
      if (check.failuresThisHour >= failuresPerHour) return goodbye(tried, prompts.lockedOut);
      return retry(tried, prompts.again);
    }
    case 'early':
      return goodbye(call, prompts.early(check.opensAt));
    case 'over':
      return goodbye(call, prompts.over);
    case 'knocked': {
      const at = new Date(now).toISOString();
      const waiting: PhoneCall = {
        ...call,
        stage: 'waiting',
        visitId: check.visitId,
        participantId: check.participantId,
        waitingSince: at,
        reassuredAt: at,
      };
      return hold(waiting, now, prompts.waiting(check.providerName));
    }
  }
}

/** Out of the meeting first (its leg), then the words, then the line. */
function leaveCall(call: PhoneCall, where: Place): Step {
  const words =
    where.state === 'removed'
      ? prompts.removed
      : where.state === 'denied'
        ? prompts.denied
        : prompts.ended;
  return {
    call: { ...call, stage: 'over' },
    actions: [leaveMeeting(), speak(call.callId, words), hangup(call.callId)],
    effects: [],
  };
}
