import { describe, expect, it } from 'vitest';
import {
  type Command,
  newVisit,
  type ParticipantState,
  transition,
  type VisitState,
} from '../../../functions/visits/waiting-room';

/** Every command the waiting room refuses, and the ones it lets pass as harmless, in tables. */
const now = '2026-11-23T15:00:00.000Z';
const apply = (state: VisitState, ...commands: Command[]) =>
  commands.reduce((s, c) => transition(s, c, now).state, state);
const start = (sub = 'provider-sub'): Command => ({
  type: 'start',
  participantId: `prov-${sub}`,
  sub,
  name: 'Dr. Lee',
});
const knock: Command = {
  type: 'knock',
  participantId: 'g1',
  identity: 'invitee:g1',
  kind: 'guest',
  via: 'link',
  name: 'Gale Guest',
};
const admit: Command = { type: 'admit', participantIds: ['g1'] };
const deny: Command = { type: 'deny', participantId: 'g1' };
const remove: Command = { type: 'remove', participantId: 'g1' };
const leave: Command = { type: 'leave', participantId: 'g1' };

const commands = { admit, deny, remove, leave };

/** A started visit with the guest g1 in the given state. */
function guestIn(state: ParticipantState): VisitState {
  const opened = apply(newVisit('v1', 'provider-sub', 6), start(), knock);
  const path: Record<ParticipantState, Command[]> = {
    waiting: [],
    admitted: [admit],
    denied: [deny],
    removed: [admit, remove],
    left: [admit, leave],
  };
  const visit = apply(opened, ...path[state]);
  expect(visit.participants.g1?.state).toBe(state);
  return visit;
}

function outcome(state: VisitState, command: Command): string {
  try {
    const { state: next, events } = transition(state, command, now);
    return events.length === 0 && next === state ? 'unchanged' : 'applied';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('the waiting room refuses what cannot be done to someone in each state', () => {
  const table: [keyof typeof commands, ParticipantState, string][] = [
    ['admit', 'waiting', 'applied'],
    ['admit', 'admitted', 'unchanged'],
    ['admit', 'denied', 'participant.not_waiting'],
    ['admit', 'removed', 'participant.not_waiting'],
    ['admit', 'left', 'participant.not_waiting'],
    ['deny', 'waiting', 'applied'],
    ['deny', 'admitted', 'participant.not_allowed'],
    ['deny', 'denied', 'unchanged'],
    ['deny', 'removed', 'participant.not_allowed'],
    ['deny', 'left', 'participant.not_allowed'],
    ['remove', 'waiting', 'applied'],
    ['remove', 'admitted', 'applied'],
    ['remove', 'denied', 'participant.not_allowed'],
    ['remove', 'removed', 'unchanged'],
    ['remove', 'left', 'participant.not_allowed'],
    ['leave', 'waiting', 'applied'],
    ['leave', 'admitted', 'applied'],
    ['leave', 'denied', 'participant.not_allowed'],
    ['leave', 'removed', 'participant.not_allowed'],
    ['leave', 'left', 'unchanged'],
  ];
  it.each(table)('%s on someone %s: %s', (command, state, expected) => {
    expect(outcome(guestIn(state), commands[command])).toBe(expected);
  });
});

describe('the waiting room refuses what the provider cannot do', () => {
  const started = () => apply(newVisit('v1', 'provider-sub', 6), start(), knock);
  const provider = 'prov-provider-sub';
  const table: [string, () => VisitState, Command, string][] = [
    ['a second provider starts a running visit', started, start('other-sub'), 'visit.hosted'],
    [
      'the provider is denied',
      started,
      { type: 'deny', participantId: provider },
      'participant.not_allowed',
    ],
    [
      'the provider is removed',
      started,
      { type: 'remove', participantId: provider },
      'participant.is_provider',
    ],
    [
      'the provider is admitted (already in)',
      started,
      { type: 'admit', participantIds: [provider] },
      'unchanged',
    ],
    [
      'Allow of several where one is not waiting refuses them all',
      () => apply(started(), { type: 'deny', participantId: 'g1' }),
      { type: 'admit', participantIds: [provider, 'g1'] },
      'participant.not_waiting',
    ],
    [
      'someone is let in before the visit started',
      () => apply(newVisit('v1', 'provider-sub', 6), knock),
      admit,
      'visit.not_started',
    ],
    [
      'Allow all before the visit started',
      () => apply(newVisit('v1', 'provider-sub', 6), knock),
      { type: 'admit', participantIds: ['g1', 'nobody'] },
      'visit.not_started',
    ],
    [
      'a late presence event about nobody',
      started,
      { type: 'presence', participantId: 'nobody', inCall: true },
      'unchanged',
    ],
    ['the meeting ends with nobody connected', started, { type: 'meeting-ended' }, 'unchanged'],
  ];
  it.each(table)('%s: %s', (_what, visit, command, expected) => {
    expect(outcome(visit(), command)).toBe(expected);
  });

  it('before the start, anyone may start the visit and hosts it (an ad-hoc room); after it, only they', () => {
    const waiting = apply(newVisit('v1', 'provider-sub', 6), knock);
    const other = transition(waiting, start('other-sub'), now).state;
    expect(other.providerId).toBe('other-sub');
    expect(outcome(other, start('provider-sub'))).toBe('visit.hosted');
    expect(outcome(other, start('other-sub'))).toBe('applied');
  });

  it('before the start, someone waiting may still be turned away or leave', () => {
    const waiting = apply(newVisit('v1', 'provider-sub', 6), knock);
    expect(outcome(waiting, deny)).toBe('applied');
    expect(outcome(waiting, leave)).toBe('applied');
  });
});
