import { describe, expect, it } from 'vitest';
import { type Action, ResponseSchema, respond } from '../../../functions/phone/actions';
import { newCall, type PhoneCall, type Place } from '../../../functions/phone/dial-in';
import { nextOut, type OutInput } from '../../../functions/phone/dial-out';

const t0 = Date.parse('2026-12-02T15:00:00Z');
const join = { meetingId: 'meeting-1', joinToken: 'token-1' };
const admitted: Place = { state: 'admitted', join };
const answered: OutInput = { kind: 'answered', clinic: 'Demo Clinic', providerName: 'Dr. Lee' };

type Stage = 'ringing' | 'asking' | 'joining' | 'joined' | 'over';

/** A call the provider placed, brought to a stage the way a real one gets there. */
function callAt(stage: Stage): PhoneCall {
  let call = nextOut(
    newCall('tx-1', 'call-a'),
    { kind: 'outgoing', visitId: 'v1', participantId: 'p1' },
    t0,
  ).call;
  if (stage === 'ringing') return call;
  call = nextOut(call, answered, t0 + 1000).call;
  if (stage === 'asking') return call;
  call = nextOut(call, { kind: 'choice', digit: '1', place: admitted }, t0 + 2000).call;
  if (stage === 'joining') return call;
  call = nextOut(call, { kind: 'joined' }, t0 + 3000).call;
  if (stage === 'joined') return call;
  return nextOut(call, { kind: 'hung-up' }, t0 + 4000).call;
}

const types = (actions: Action[]) => actions.map((a) => a.Type);
const statuses = (effects: { type: string; status?: string }[]) =>
  effects.flatMap((e) => (e.type === 'dial-status' ? [e.status] : []));

describe('a call the provider places', () => {
  it('is placed silently, with the visit ids it belongs to', () => {
    const step = nextOut(
      newCall('tx-1', 'call-a'),
      { kind: 'outgoing', visitId: 'v1', participantId: 'p1' },
      t0,
    );
    expect(step.call).toMatchObject({
      stage: 'ringing',
      direction: 'out',
      visitId: 'v1',
      participantId: 'p1',
    });
    expect(step.actions).toEqual([]);
    // NEW_OUTBOUND_CALL again (a retry of the same event) changes nothing.
    const again = nextOut(step.call, { kind: 'outgoing', visitId: 'v2', participantId: 'p2' }, t0);
    expect(again.call).toEqual(step.call);
  });

  it('answered: says who invites them (no patient), asks for 1 or 2, and tells the provider', () => {
    const step = nextOut(callAt('ringing'), answered, t0);
    expect(step.call.stage).toBe('asking');
    expect(types(step.actions)).toEqual(['SpeakAndGetDigits']);
    const ask = step.actions[0];
    if (ask?.Type !== 'SpeakAndGetDigits') throw new Error('no question');
    expect(ask.Parameters.SpeechParameters.Text).toMatch(/Demo Clinic.*Dr\. Lee.*Press 1/);
    expect(ask.Parameters).toMatchObject({ MinNumberOfDigits: 1, MaxNumberOfDigits: 1 });
    expect(statuses(step.effects)).toEqual(['answered']);
  });

  it('1 joins the meeting at once (no waiting room); joined tells the provider', () => {
    const joining = nextOut(callAt('asking'), { kind: 'choice', digit: '1', place: admitted }, t0);
    expect(joining.call.stage).toBe('joining');
    expect(types(joining.actions)).toEqual(['Speak', 'JoinChimeMeeting']);
    const joined = nextOut(joining.call, { kind: 'joined' }, t0);
    expect(joined.call.stage).toBe('joined');
    expect(statuses(joined.effects)).toEqual(['joined']);
  });

  it('1 after the person was removed, or the visit ended meanwhile: a goodbye instead', () => {
    for (const state of ['removed', 'ended'] as const) {
      const step = nextOut(callAt('asking'), { kind: 'choice', digit: '1', place: { state } }, t0);
      expect(step.call.stage).toBe('over');
      expect(types(step.actions)).toEqual(['Speak', 'Hangup']);
    }
  });

  it('2 says goodbye and declines; silence (an answering machine) just hangs up', () => {
    const two = nextOut(callAt('asking'), { kind: 'choice', digit: '2' }, t0);
    expect(types(two.actions)).toEqual(['Speak', 'Hangup']);
    expect(statuses(two.effects)).toEqual(['declined']);
    const silence = nextOut(callAt('asking'), { kind: 'choice', digit: undefined }, t0);
    expect(types(silence.actions)).toEqual(['Hangup']);
    expect(statuses(silence.effects)).toEqual(['no-answer']);
    expect(silence.call.stage).toBe('over');
  });

  it('not reached (busy, no answer, declined, failed) while ringing tells the provider why', () => {
    for (const status of ['busy', 'no-answer', 'declined', 'failed'] as const) {
      const step = nextOut(callAt('ringing'), { kind: 'not-reached', status }, t0);
      expect(step.call.stage).toBe('over');
      expect(statuses(step.effects)).toEqual([status]);
    }
    // Late, after it was answered, it is no news.
    expect(nextOut(callAt('asking'), { kind: 'not-reached', status: 'busy' }, t0).effects).toEqual(
      [],
    );
  });

  it('removed while it rings or asks: the call is withdrawn; still admitted: nothing happens', () => {
    const ringing = nextOut(callAt('ringing'), { kind: 'place', place: { state: 'removed' } }, t0);
    expect(types(ringing.actions)).toEqual(['Hangup']);
    expect(ringing.call.stage).toBe('over');
    const asking = nextOut(callAt('asking'), { kind: 'place', place: { state: 'ended' } }, t0);
    expect(types(asking.actions)).toEqual(['Speak', 'Hangup']);
    for (const stage of ['ringing', 'asking'] as const)
      expect(nextOut(callAt(stage), { kind: 'place', place: admitted }, t0).actions).toEqual([]);
  });

  it('hung up: before a choice it is declined (or unanswered); in the call it is leaving', () => {
    expect(statuses(nextOut(callAt('asking'), { kind: 'hung-up' }, t0).effects)).toEqual([
      'declined',
    ]);
    expect(statuses(nextOut(callAt('ringing'), { kind: 'hung-up' }, t0).effects)).toEqual([
      'no-answer',
    ]);
    const left = nextOut(callAt('joined'), { kind: 'hung-up' }, t0);
    expect(left.effects).toEqual([{ type: 'left' }]);
  });

  it('in the call it behaves as any caller: removal leaves the meeting, says so, hangs up', () => {
    const step = nextOut(callAt('joined'), { kind: 'place', place: { state: 'removed' } }, t0);
    expect(types(step.actions)).toEqual(['Hangup', 'Speak', 'Hangup']);
  });

  it('a failed join holds the line and tries again', () => {
    const held = nextOut(callAt('joining'), { kind: 'join-failed' }, t0);
    expect(held.call.stage).toBe('waiting');
    expect(types(held.actions)).toEqual(['Speak', 'Pause']);
    const again = nextOut(held.call, { kind: 'place', place: admitted }, t0 + 5000);
    expect(types(again.actions)).toEqual(['Speak', 'JoinChimeMeeting']);
  });

  it('over: inputs change nothing; an update only hangs up again', () => {
    const over = callAt('over');
    for (const input of [answered, { kind: 'choice', digit: '1', place: admitted } as OutInput])
      expect(nextOut(over, input, t0).actions).toEqual([]);
    expect(types(nextOut(over, { kind: 'place', place: { state: 'ended' } }, t0).actions)).toEqual([
      'Hangup',
    ]);
  });

  it('every answer it gives is of the documented shape', () => {
    const steps = [
      nextOut(callAt('ringing'), answered, t0),
      nextOut(callAt('asking'), { kind: 'choice', digit: '1', place: admitted }, t0),
      nextOut(callAt('asking'), { kind: 'choice', digit: '2' }, t0),
      nextOut(callAt('asking'), { kind: 'choice', digit: undefined }, t0),
      nextOut(callAt('ringing'), { kind: 'place', place: { state: 'removed' } }, t0),
    ];
    for (const step of steps)
      expect(
        ResponseSchema.safeParse(respond(step.actions, { stage: step.call.stage })).success,
      ).toBe(true);
  });
});
