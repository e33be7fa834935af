import { describe, expect, it } from 'vitest';
import {
  type Command,
  extraAttendees,
  newVisit,
  transition,
  type VisitState,
} from '../../../functions/visits/waiting-room';

const now = '2026-11-23T15:00:00.000Z';
const apply = (state: VisitState, ...commands: Command[]) =>
  commands.reduce((s, c) => transition(s, c, now).state, state);
const knock = (
  participantId: string,
  kind: 'client' | 'contact' | 'guest' = 'guest',
  identity = `id-${participantId}`,
): Command => ({
  type: 'knock',
  participantId,
  identity,
  kind,
  via: 'link',
  name: `Name ${participantId}`,
});
const start: Command = {
  type: 'start',
  participantId: 'prov',
  sub: 'provider-sub',
  name: 'Dr. Lee',
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('the waiting room', () => {
  const visit = () => newVisit('v1', 'provider-sub', 6);

  it('start: the provider is in at once; starting again lets a returning provider back in', () => {
    const first = transition(visit(), start, now);
    expect(first.state.participants.prov).toMatchObject({ kind: 'provider', state: 'admitted' });
    expect(first.state.startedAt).toBe(now);
    expect(first.events).toEqual([{ type: 'started', participantId: 'prov' }]);
    const dropped = apply(first.state, { type: 'leave', participantId: 'prov' });
    const again = transition(dropped, { ...start, participantId: 'other' }, now);
    expect(again.state.participants.prov?.state).toBe('admitted');
    expect(again.events).toEqual([{ type: 'rejoined', participantId: 'prov' }]);
  });

  it('knock: a newcomer waits, before or after the provider started; the same person knocking again stays where they were', () => {
    const waiting = transition(visit(), knock('g1'), now);
    expect(waiting.state.participants.g1?.state).toBe('waiting');
    expect(waiting.events).toEqual([{ type: 'knocked', participantId: 'g1' }]);
    const reload = transition(
      waiting.state,
      { ...knock('g1-new-device'), identity: 'id-g1' } as Command,
      now,
    );
    expect(Object.keys(reload.state.participants)).toEqual(['g1']);
    expect(reload.events).toEqual([{ type: 'rejoined', participantId: 'g1' }]);
    const admitted = apply(waiting.state, start, { type: 'admit', participantIds: ['g1'] });
    expect(
      transition(admitted, { ...knock('x'), identity: 'id-g1' } as Command, now).state.participants
        .g1?.state,
    ).toBe('admitted');
  });

  it('admit: moves waiting people in; admitting twice is harmless', () => {
    const state = apply(visit(), start, knock('g1'), knock('g2'));
    const result = transition(state, { type: 'admit', participantIds: ['g1', 'g2'] }, now);
    expect(result.events).toEqual([
      { type: 'admitted', participantId: 'g1' },
      { type: 'admitted', participantId: 'g2' },
    ]);
    const twice = transition(result.state, { type: 'admit', participantIds: ['g1'] }, now);
    expect(twice.events).toEqual([]);
    expect(twice.state).toEqual(result.state);
  });

  it('admit: never beyond the clinic cap beside provider and patient; the rest stay waiting with visit.full', () => {
    const knocks = Array.from({ length: 8 }, (_, i) => knock(`g${i}`));
    let state = apply(newVisit('v', 'p', 6), start, knock('pat', 'client', 'client'), ...knocks);
    const result = transition(
      state,
      { type: 'admit', participantIds: ['pat', ...knocks.map((_, i) => `g${i}`)] },
      now,
    );
    state = result.state;
    expect(extraAttendees(state)).toBe(6);
    expect(state.participants.pat?.state).toBe('admitted');
    expect(
      result.events
        .filter((e) => e.type === 'full')
        .map((e) => (e as { participantId: string }).participantId),
    ).toEqual(['g6', 'g7']);
    expect(state.participants.g7?.state).toBe('waiting');
    expect(Object.values(state.participants).filter((p) => p.state === 'admitted')).toHaveLength(8);
  });

  it('call: the callee is in from the first ring (no waiting room) and holds a place of the cap', () => {
    const dial = (id: string): Command => ({
      type: 'call',
      participantId: id,
      identity: `dial:${id}`,
      name: `Phone …${id}`,
      invitedAs: `…${id}`,
    });
    expect(codeOf(() => apply(visit(), dial('c0')))).toBe('visit.not_started');
    const calls = Array.from({ length: 6 }, (_, i) => dial(`c${i}`));
    const state = apply(visit(), start, ...calls);
    expect(state.participants.c0).toMatchObject({
      state: 'admitted',
      via: 'phone',
      dialOut: 'ringing',
    });
    expect(extraAttendees(state)).toBe(6);
    expect(codeOf(() => apply(state, dial('c6')))).toBe('visit.full');
    // A knock still waits, but Allow finds no place.
    const full = transition(
      apply(state, knock('g')),
      { type: 'admit', participantIds: ['g'] },
      now,
    );
    expect(full.events).toEqual([{ type: 'full', participantId: 'g' }]);
  });

  it('dial-status: answered and joined are news; unanswered, busy or declined frees the place; late news only records', () => {
    const called = apply(visit(), start, {
      type: 'call',
      participantId: 'c',
      identity: 'dial:c',
      name: 'Phone …0143',
      invitedAs: '…0143',
    });
    const placed = transition(
      called,
      { type: 'dial-status', participantId: 'c', status: 'ringing', phoneCall: 'tx' },
      now,
    );
    expect(placed.state.participants.c?.phoneCall).toBe('tx');
    expect(placed.events).toEqual([{ type: 'dial-status', participantId: 'c', status: 'ringing' }]);
    const busy = transition(
      placed.state,
      { type: 'dial-status', participantId: 'c', status: 'busy' },
      now,
    );
    expect(busy.state.participants.c).toMatchObject({
      state: 'left',
      dialOut: 'busy',
      inCall: false,
    });
    expect(extraAttendees(busy.state)).toBe(0);
    // The same news twice, or news after they left, changes nothing.
    expect(
      transition(busy.state, { type: 'dial-status', participantId: 'c', status: 'busy' }, now)
        .events,
    ).toEqual([]);
    expect(
      transition(busy.state, { type: 'dial-status', participantId: 'c', status: 'joined' }, now)
        .events,
    ).toEqual([]);
    // Joined, the call is theirs: a late "no answer" does not take them out.
    const joined = apply(placed.state, {
      type: 'dial-status',
      participantId: 'c',
      status: 'joined',
    });
    const late = transition(
      joined,
      { type: 'dial-status', participantId: 'c', status: 'no-answer' },
      now,
    );
    expect(late.events).toEqual([]);
    expect(late.state.participants.c?.state).toBe('admitted');
    // People who came by link have no call to report on.
    const guest = apply(visit(), start, knock('g'), { type: 'admit', participantIds: ['g'] });
    expect(
      transition(guest, { type: 'dial-status', participantId: 'g', status: 'busy' }, now).events,
    ).toEqual([]);
  });

  it('admit: a lower clinic setting lowers the cap', () => {
    const state = apply(newVisit('v', 'p', 1), start, knock('g1', 'contact'), knock('g2'));
    const result = transition(state, { type: 'admit', participantIds: ['g1', 'g2'] }, now);
    expect(result.events.map((e) => e.type)).toEqual(['admitted', 'full']);
  });

  it('deny: only someone waiting; they may knock again later', () => {
    const state = apply(visit(), knock('g1'));
    const denied = transition(state, { type: 'deny', participantId: 'g1' }, now);
    expect(denied.state.participants.g1?.state).toBe('denied');
    expect(denied.events).toEqual([{ type: 'denied', participantId: 'g1' }]);
    const again = transition(denied.state, knock('g1'), now);
    expect(again.state.participants.g1?.state).toBe('waiting');
    const admitted = apply(visit(), start, knock('g2'), { type: 'admit', participantIds: ['g2'] });
    expect(codeOf(() => transition(admitted, { type: 'deny', participantId: 'g2' }, now))).toBe(
      'participant.not_allowed',
    );
  });

  it('remove: out of the call, and back only through the waiting room', () => {
    const state = apply(visit(), start, knock('g1'), { type: 'admit', participantIds: ['g1'] });
    const removed = transition(state, { type: 'remove', participantId: 'g1' }, now);
    expect(removed.state.participants.g1?.state).toBe('removed');
    expect(removed.events).toEqual([{ type: 'removed', participantId: 'g1' }]);
    const back = transition(removed.state, knock('g1'), now);
    expect(back.state.participants.g1?.state).toBe('waiting');
    expect(back.events).toEqual([{ type: 'knocked', participantId: 'g1' }]);
    expect(codeOf(() => transition(state, { type: 'remove', participantId: 'prov' }, now))).toBe(
      'participant.is_provider',
    );
  });

  it('leave: from the call or the waiting room; leaving twice changes nothing', () => {
    const state = apply(visit(), start, knock('g1'), knock('g2'), {
      type: 'admit',
      participantIds: ['g1'],
    });
    const left = apply(
      state,
      { type: 'leave', participantId: 'g1' },
      { type: 'leave', participantId: 'g2' },
    );
    expect(left.participants.g1?.state).toBe('left');
    expect(left.participants.g2?.state).toBe('left');
    expect(transition(left, { type: 'leave', participantId: 'g1' }, now).events).toEqual([]);
  });

  it('end: closes the visit; nothing else is allowed afterwards', () => {
    const state = apply(visit(), start, knock('g1'));
    const ended = transition(state, { type: 'end' }, now);
    expect(ended.state.status).toBe('ended');
    expect(ended.events.at(-1)).toEqual({ type: 'ended' });
    for (const command of [
      knock('g2'),
      start,
      { type: 'admit', participantIds: ['g1'] },
      { type: 'deny', participantId: 'g1' },
      { type: 'remove', participantId: 'g1' },
      { type: 'leave', participantId: 'g1' },
      { type: 'end' },
    ] as Command[]) {
      expect(
        codeOf(() => transition(ended.state, command, now)),
        command.type,
      ).toBe('visit.ended');
    }
  });

  it('refuses commands about someone who is not there', () => {
    for (const command of [
      { type: 'admit', participantIds: ['nobody'] },
      { type: 'deny', participantId: 'nobody' },
      { type: 'remove', participantId: 'nobody' },
      { type: 'leave', participantId: 'nobody' },
    ] as Command[]) {
      expect(
        codeOf(() => transition(apply(visit(), start), command, now)),
        command.type,
      ).toBe('participant.not_found');
    }
    const left = apply(visit(), start, knock('g1'), { type: 'leave', participantId: 'g1' });
    expect(codeOf(() => transition(left, { type: 'admit', participantIds: ['g1'] }, now))).toBe(
      'participant.not_waiting',
    );
  });

  it('presence: records media joins and leaves, even after the end, without touching admission', () => {
    const state = apply(visit(), start, knock('g1'), { type: 'admit', participantIds: ['g1'] });
    const joined = transition(state, { type: 'presence', participantId: 'g1', inCall: true }, now);
    expect(joined.events).toEqual([{ type: 'joined-call', participantId: 'g1' }]);
    expect(
      transition(joined.state, { type: 'presence', participantId: 'g1', inCall: true }, now).events,
    ).toEqual([]);
    const late = apply(
      joined.state,
      { type: 'end' },
      { type: 'presence', participantId: 'g1', inCall: true },
    );
    expect(
      transition(late, { type: 'presence', participantId: 'g1', inCall: false }, now).events,
    ).toEqual([{ type: 'left-call', participantId: 'g1' }]);
    expect(
      transition(state, { type: 'presence', participantId: 'nobody', inCall: true }, now).events,
    ).toEqual([]);
  });

  it('gone: someone whose pages all closed has left, unless their media is on; never after the end', () => {
    const state = apply(
      visit(),
      start,
      knock('waits'),
      knock('joining'),
      knock('talking'),
      { type: 'admit', participantIds: ['joining', 'talking'] },
      { type: 'presence', participantId: 'talking', inCall: true },
    );
    const left = (id: string) => ({ type: 'left', participantId: id, because: 'connection-lost' });
    const waiting = transition(state, { type: 'gone', participantId: 'waits' }, now);
    expect(waiting.events).toEqual([left('waits')]);
    expect(waiting.state.participants.waits).toMatchObject({ state: 'left', endedAt: now });
    expect(transition(state, { type: 'gone', participantId: 'joining' }, now).events).toEqual([
      left('joining'),
    ]);
    expect(transition(state, { type: 'gone', participantId: 'talking' }, now).events).toEqual([]);
    expect(transition(state, { type: 'gone', participantId: 'nobody' }, now).events).toEqual([]);
    const ended = apply(state, { type: 'end' });
    expect(transition(ended, { type: 'gone', participantId: 'waits' }, now).events).toEqual([]);
    // Gone is no refusal: they knock again and wait, as anyone who left.
    expect(apply(waiting.state, knock('waits')).participants.waits?.state).toBe('waiting');
  });
});
