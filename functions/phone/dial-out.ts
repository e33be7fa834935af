import type { DialStatus } from '../visits/waiting-room';
import { askDigits, hangup } from './actions';
import {
  type CallInput,
  type Effect,
  follow,
  goodbye,
  next,
  type PhoneCall,
  type Place,
  type Step,
} from './dial-in';
import { prompts } from './prompts';

/**
 * A call the provider places to someone's phone, as a pure state machine: it rings; when
 * answered, the callee hears who invites them and presses 1 to join (2, silence or hanging up:
 * goodbye, so an answering machine never gets in); then it is a caller in the meeting like any
 * other, and the dial-in machine (`next`) takes over. Each change the provider should see
 * (answered, joined, no answer, busy, declined, failed) is an effect for the visit.
 */

/** How long the callee has to press 1 or 2 after the question. */
const choiceWaitMs = 8_000;

export type OutInput =
  | CallInput
  /** NEW_OUTBOUND_CALL: the call is placed, with the visit's ids in its arguments. */
  | { kind: 'outgoing'; visitId: string; participantId: string }
  /** CALL_ANSWERED: someone (or something) picked up. */
  | { kind: 'answered'; clinic: string; providerName: string }
  /** The key pressed after the question (none: silence), and, for a 1, where they stand. */
  | { kind: 'choice'; digit: string | undefined; place?: Place }
  /** HANGUP before an answer: why the call did not connect. */
  | {
      kind: 'not-reached';
      status: Extract<DialStatus, 'no-answer' | 'busy' | 'declined' | 'failed'>;
    };

const told = (status: DialStatus): Effect => ({ type: 'dial-status', status });

const ended = (call: PhoneCall, effects: Effect[] = []): Step => ({
  call: { ...call, stage: 'over' },
  actions: [],
  effects,
});

/** The next step of a call the provider placed. `now` is epoch milliseconds. */
export function nextOut(call: PhoneCall, input: OutInput, now: number): Step {
  const none: Step = { call, actions: [], effects: [] };
  if (call.stage === 'over') return input.kind === 'place' ? next(call, input, now) : none;
  switch (input.kind) {
    case 'outgoing':
      if (call.stage !== 'pin' || call.direction === 'out') return none;
      return {
        call: {
          ...call,
          direction: 'out',
          stage: 'ringing',
          visitId: input.visitId,
          participantId: input.participantId,
        },
        actions: [],
        effects: [],
      };
    case 'answered':
      if (call.stage !== 'ringing') return none;
      return {
        call: { ...call, stage: 'asking' },
        actions: [
          askDigits(call.callId, prompts.invited(input.clinic, input.providerName), {
            min: 1,
            max: 1,
            regex: '^[12]$',
            waitMs: choiceWaitMs,
          }),
        ],
        effects: [told('answered')],
      };
    case 'choice':
      if (call.stage !== 'asking') return none;
      if (input.digit === '1' && input.place) return follow(call, input.place, now);
      if (input.digit === '2') return goodbye(call, prompts.declined, [told('declined')]);
      // Silence (or a key we did not ask for): nobody said yes, so nobody joins.
      return {
        call: { ...call, stage: 'over' },
        actions: [hangup(call.callId)],
        effects: [told('no-answer')],
      };
    case 'not-reached':
      return call.stage === 'ringing' ? ended(call, [told(input.status)]) : none;
    case 'place':
      // Removed, or the visit ended, before they said yes: the call is withdrawn.
      if (call.stage === 'ringing')
        return input.place.state === 'admitted'
          ? none
          : { call: { ...call, stage: 'over' }, actions: [hangup(call.callId)], effects: [] };
      if (call.stage === 'asking')
        return input.place.state === 'admitted' ? none : follow(call, input.place, now);
      return next(call, input, now);
    case 'hung-up':
      // They picked up and put the phone down again without a choice.
      if (call.stage === 'asking') return ended(call, [told('declined')]);
      if (call.stage === 'ringing') return ended(call, [told('no-answer')]);
      return next(call, input, now);
    case 'joined': {
      const step = next(call, input, now);
      return step.call.stage === 'joined' && call.stage === 'joining'
        ? { ...step, effects: [...step.effects, told('joined')] }
        : step;
    }
    default:
      return next(call, input, now);
  }
}
