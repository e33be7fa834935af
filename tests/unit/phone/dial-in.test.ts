import { describe, expect, it } from 'vitest';
import { type Action, ResponseSchema, respond } from '../../../functions/phone/actions';
import {
  type CallInput,
  type CallStage,
  failuresPerHour,
  holdMs,
  maxWaitMs,
  newCall,
  next,
  type PhoneCall,
  type Place,
  reassureEveryMs,
} from '../../../functions/phone/dial-in';

const t0 = Date.parse('2026-12-02T15:00:00Z');
const join = { meetingId: 'meeting-1', joinToken: 'token-1' };
const knocked: CallInput = {
  kind: 'pin',
  check: { result: 'knocked', visitId: 'v1', participantId: 'p1', providerName: 'Dr. Lee' },
};
const place = (p: Place): CallInput => ({ kind: 'place', place: p });

/** A call brought to a stage the way a real one gets there. */
function callAt(stage: CallStage): PhoneCall {
  let call = newCall('tx-1', 'call-a');
  if (stage === 'pin') return call;
  call = next(call, knocked, t0).call;
  if (stage === 'waiting') return call;
  call = next(call, place({ state: 'admitted', join }), t0 + 1000).call;
  if (stage === 'joining') return call;
  call = next(call, { kind: 'joined' }, t0 + 2000).call;
  if (stage === 'joined') return call;
  return next(call, { kind: 'hung-up' }, t0 + 3000).call;
}

const types = (actions: Action[]) => actions.map((a) => a.Type);
const spoken = (actions: Action[]) =>
  actions.flatMap((a) =>
    a.Type === 'Speak'
      ? [a.Parameters.Text]
      : a.Type === 'SpeakAndGetDigits'
        ? [a.Parameters.SpeechParameters.Text]
        : [],
  );

describe('a dial-in call', () => {
  it('greets a caller and asks for the PIN; a number locked out is told to call the clinic', () => {
    const call = newCall('tx-1', 'call-a');
    const asked = next(call, { kind: 'incoming', lockedOut: false, clinic: 'Demo Clinic' }, t0);
    expect(types(asked.actions)).toEqual(['SpeakAndGetDigits']);
    expect(spoken(asked.actions)[0]).toContain('Demo Clinic');
    const locked = next(call, { kind: 'incoming', lockedOut: true, clinic: 'Demo Clinic' }, t0);
    expect(types(locked.actions)).toEqual(['Speak', 'Hangup']);
    expect(locked.call.stage).toBe('over');
  });

  it('gives three tries per call, wrong digits and silences alike, then a polite goodbye', () => {
    let call = newCall('tx-1', 'call-a');
    const wrong: CallInput = { kind: 'pin', check: { result: 'wrong', failuresThisHour: 1 } };
    let step = next(call, wrong, t0);
    expect(types(step.actions)).toEqual(['SpeakAndGetDigits']);
    call = step.call;
    step = next(call, { kind: 'no-pin' }, t0);
    expect(types(step.actions)).toEqual(['SpeakAndGetDigits']);
    call = step.call;
    step = next(call, wrong, t0);
    expect(types(step.actions)).toEqual(['Speak', 'Hangup']);
    expect(step.call).toMatchObject({ stage: 'over', tries: 3 });
  });

  it(`hangs up at once on the ${failuresPerHour}th failure of a number within the hour`, () => {
    const step = next(
      newCall('tx-1', 'call-a'),
      { kind: 'pin', check: { result: 'wrong', failuresThisHour: failuresPerHour } },
      t0,
    );
    expect(step.call.stage).toBe('over');
    expect(spoken(step.actions)[0]).toMatch(/call the clinic/);
  });

  it('tells a caller who is early when the visit opens, and one who is late that it is over', () => {
    const early = next(
      newCall('tx-1', 'call-a'),
      { kind: 'pin', check: { result: 'early', opensAt: 'on Wednesday at 9:45 AM' } },
      t0,
    );
    expect(spoken(early.actions)[0]).toContain('9:45 AM');
    expect(early.call.stage).toBe('over');
    const late = next(newCall('tx-1', 'call-a'), { kind: 'pin', check: { result: 'over' } }, t0);
    expect(types(late.actions)).toEqual(['Speak', 'Hangup']);
  });

  it('holds a knocked caller on an interruptible pause, never a long speech, and reassures them every minute', () => {
    const waiting = next(newCall('tx-1', 'call-a'), knocked, t0);
    expect(waiting.call.stage).toBe('waiting');
    expect(types(waiting.actions)).toEqual(['Speak', 'Pause']);
    expect(spoken(waiting.actions)[0]).toContain('Dr. Lee');
    const quiet = next(waiting.call, place({ state: 'waiting' }), t0 + holdMs);
    expect(types(quiet.actions)).toEqual(['Pause']);
    const later = next(quiet.call, place({ state: 'waiting' }), t0 + reassureEveryMs);
    expect(types(later.actions)).toEqual(['Speak', 'Pause']);
    for (const step of [waiting, quiet, later]) {
      const words = spoken(step.actions).join(' ');
      expect(words.length).toBeLessThan(200);
    }
  });

  it(`asks a caller still waiting after ${maxWaitMs / 60_000} minutes to call back, and leaves the waiting room`, () => {
    const call = callAt('waiting');
    const step = next(call, place({ state: 'waiting' }), t0 + maxWaitMs);
    expect(step.call.stage).toBe('over');
    expect(step.effects).toEqual([{ type: 'left' }]);
  });

  it('moves an admitted caller into the meeting with its join token, and holds one the cap keeps out', () => {
    const step = next(callAt('waiting'), place({ state: 'admitted', join }), t0 + 5000);
    expect(step.call.stage).toBe('joining');
    expect(step.actions.at(-1)).toEqual({
      Type: 'JoinChimeMeeting',
      Parameters: { CallId: 'call-a', MeetingId: 'meeting-1', JoinToken: 'token-1' },
    });
    const full = next(callAt('waiting'), place({ state: 'full' }), t0 + 5000);
    expect(full.call.stage).toBe('waiting');
    expect(types(full.actions)).toContain('Pause');
  });

  it.each([
    ['denied', /could not let you in/],
    ['removed', /removed/],
    ['ended', /ended/],
  ] as const)('says goodbye to a waiting caller who is %s, and hangs up', (state, words) => {
    const step = next(callAt('waiting'), place({ state }), t0 + 5000);
    expect(types(step.actions)).toEqual(['Speak', 'Hangup']);
    expect(spoken(step.actions)[0]).toMatch(words);
  });

  it('takes a caller in the call out of the meeting first when they are removed or the visit ends', () => {
    const step = next(callAt('joined'), place({ state: 'removed' }), t0 + 9000);
    expect(types(step.actions)).toEqual(['Hangup', 'Speak', 'Hangup']);
    expect(step.actions[0]).toEqual({
      Type: 'Hangup',
      Parameters: { ParticipantTag: 'LEG-B', SipResponseCode: '0' },
    });
    expect(step.call.stage).toBe('over');
    // Still admitted: nothing to do (a repeated update, a hold that ended late).
    expect(next(callAt('joined'), place({ state: 'admitted', join }), t0).actions).toEqual([]);
  });

  it('puts a caller back on hold when joining fails, or when the meeting goes from under them', () => {
    const failed = next(callAt('joining'), { kind: 'join-failed' }, t0 + 3000);
    expect(failed.call.stage).toBe('waiting');
    expect(types(failed.actions)).toEqual(['Speak', 'Pause']);
    const dropped = next(
      callAt('joined'),
      { kind: 'meeting-left', place: { state: 'admitted', join } },
      t0 + 3000,
    );
    expect(dropped.call.stage).toBe('waiting');
    const ended = next(callAt('joined'), { kind: 'meeting-left', place: { state: 'ended' } }, t0);
    expect(ended.call.stage).toBe('over');
    expect(types(ended.actions)).toEqual(['Speak', 'Hangup']);
  });

  it('mutes and unmutes a caller only once they are in the meeting', () => {
    const mute: CallInput = { kind: 'mute', mute: true, meetingId: 'm', attendeeId: 'a' };
    expect(types(next(callAt('joined'), mute, t0).actions)).toEqual([
      'ModifyChimeMeetingAttendees',
    ]);
    expect(next(callAt('waiting'), mute, t0).actions).toEqual([]);
  });

  it('leaves the waiting room when the caller hangs up, and does nothing more after', () => {
    const gone = next(callAt('waiting'), { kind: 'hung-up' }, t0);
    expect(gone.effects).toEqual([{ type: 'left' }]);
    expect(next(newCall('tx', 'c'), { kind: 'hung-up' }, t0).effects).toEqual([]);
    for (const input of [knocked, { kind: 'joined' } as const, { kind: 'hung-up' } as const])
      expect(next(gone.call, input, t0)).toEqual({ call: gone.call, actions: [], effects: [] });
  });

  it('answers an update that comes during the goodbye with the hang-up again, so it is not cancelled', () => {
    const over = next(callAt('waiting'), place({ state: 'denied' }), t0).call;
    expect(types(next(over, place({ state: 'denied' }), t0).actions)).toEqual(['Hangup']);
  });

  it('asks to join again when an update comes while joining (its answer replaces the queued join)', () => {
    const again = next(callAt('joining'), place({ state: 'admitted', join }), t0);
    expect(types(again.actions)).toEqual(['JoinChimeMeeting']);
    expect(again.call.stage).toBe('joining');
  });

  it('answers every event in every stage with a response of the documented shape', () => {
    const inputs: CallInput[] = [
      { kind: 'incoming', lockedOut: false, clinic: 'Demo Clinic' },
      { kind: 'incoming', lockedOut: true, clinic: 'Demo Clinic' },
      knocked,
      { kind: 'pin', check: { result: 'wrong', failuresThisHour: 0 } },
      { kind: 'pin', check: { result: 'early', opensAt: 'on Wednesday at 9:45 AM' } },
      { kind: 'pin', check: { result: 'over' } },
      { kind: 'no-pin' },
      ...(['waiting', 'full', 'denied', 'removed', 'left', 'ended'] as const).map((state) =>
        place({ state }),
      ),
      place({ state: 'admitted', join }),
      { kind: 'mute', mute: false, meetingId: 'm', attendeeId: 'a' },
      { kind: 'joined' },
      { kind: 'join-failed' },
      { kind: 'meeting-left', place: { state: 'ended' } },
      { kind: 'hung-up' },
    ];
    for (const stage of ['pin', 'waiting', 'joining', 'joined', 'over'] as const) {
      for (const input of inputs) {
        const step = next(callAt(stage), input, t0 + 10_000);
        expect(
          ResponseSchema.safeParse(respond(step.actions, { stage: step.call.stage })).success,
        ).toBe(true);
      }
    }
  });
});
