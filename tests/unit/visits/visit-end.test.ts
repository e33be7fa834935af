import { describe, expect, it } from 'vitest';
import {
  type Command,
  newVisit,
  transition,
  type VisitState,
} from '../../../functions/visits/waiting-room';

const t0 = '2026-11-23T15:00:00.000Z';
const t1 = '2026-11-23T15:20:00.000Z';
const t2 = '2026-11-23T15:40:00.000Z';
const apply = (state: VisitState, at: string, ...commands: Command[]) =>
  commands.reduce((s, c) => transition(s, c, at).state, state);
const knock = (id: string): Command => ({
  type: 'knock',
  participantId: id,
  identity: `invitee:${id}`,
  kind: 'guest',
  via: 'link',
  name: `Name ${id}`,
});
const start: Command = { type: 'start', participantId: 'prov', sub: 'p-sub', name: 'Dr. Lee' };
const inCall = (id: string): Command => ({ type: 'presence', participantId: id, inCall: true });

/** Provider and g1 in the call, g2 admitted but not connected, g3 waiting, g4 denied. */
function running(): VisitState {
  return apply(
    newVisit('v1', 'p-sub', 6),
    t0,
    start,
    knock('g1'),
    knock('g2'),
    knock('g3'),
    knock('g4'),
    { type: 'admit', participantIds: ['g1', 'g2'] },
    { type: 'deny', participantId: 'g4' },
    inCall('prov'),
    inCall('g1'),
  );
}

describe('the end of a visit, and of its meeting', () => {
  it('End visit: everyone in the call or waiting leaves at that moment, each leave an event; the denied stay as they were', () => {
    const { state, events } = transition(running(), { type: 'end' }, t1);
    expect(state.status).toBe('ended');
    for (const id of ['prov', 'g1', 'g2', 'g3']) {
      expect(state.participants[id], id).toMatchObject({
        state: 'left',
        endedAt: t1,
        inCall: false,
      });
    }
    expect(state.participants.g4).toMatchObject({ state: 'denied', endedAt: t0 });
    expect(events).toEqual([
      { type: 'left-call', participantId: 'prov', because: 'visit-ended' },
      { type: 'left', participantId: 'prov', because: 'visit-ended' },
      { type: 'left-call', participantId: 'g1', because: 'visit-ended' },
      { type: 'left', participantId: 'g1', because: 'visit-ended' },
      { type: 'left', participantId: 'g2', because: 'visit-ended' },
      { type: 'left', participantId: 'g3', because: 'visit-ended' },
      { type: 'ended' },
    ]);
  });

  it('the meeting ending clears who is connected, once; admission stays, so they can come back', () => {
    const first = transition(running(), { type: 'meeting-ended' }, t1);
    expect(first.events).toEqual([
      { type: 'left-call', participantId: 'prov', because: 'meeting-ended' },
      { type: 'left-call', participantId: 'g1', because: 'meeting-ended' },
    ]);
    expect(Object.values(first.state.participants).some((p) => p.inCall)).toBe(false);
    expect(first.state.participants.g1?.state).toBe('admitted');
    expect(transition(first.state, { type: 'meeting-ended' }, t2).events).toEqual([]);
  });

  it('after End, a late "joined" is undone by the meeting ending', () => {
    const ended = apply(running(), t1, { type: 'end' }, inCall('g1'));
    expect(ended.participants.g1?.inCall).toBe(true);
    const { state, events } = transition(ended, { type: 'meeting-ended' }, t2);
    expect(events).toEqual([{ type: 'left-call', participantId: 'g1', because: 'meeting-ended' }]);
    expect(state.participants.g1).toMatchObject({ state: 'left', inCall: false, endedAt: t1 });
  });

  it('someone removed and let in again keeps their first stint beside the new one', () => {
    const removed = apply(running(), t1, { type: 'remove', participantId: 'g1' });
    const back = apply(removed, t2, knock('g1'), { type: 'admit', participantIds: ['g1'] });
    expect(back.participants.g1).toMatchObject({
      state: 'admitted',
      knockedAt: t2,
      admittedAt: t2,
      earlier: [{ knockedAt: t0, admittedAt: t0, endedAt: t1, state: 'removed' }],
    });
    expect(back.participants.g1?.endedAt).toBeUndefined();
    const again = apply(back, t2, { type: 'leave', participantId: 'g1' }, knock('g1'));
    expect(again.participants.g1?.earlier?.map((s) => s.state)).toEqual(['removed', 'left']);
  });

  it('keeps at most 20 earlier stints', () => {
    let state = running();
    for (let i = 0; i < 25; i += 1)
      state = apply(state, t1, { type: 'deny', participantId: 'g3' }, knock('g3'));
    expect(state.participants.g3?.earlier).toHaveLength(20);
  });
});
