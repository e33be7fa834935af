import type { Participant, Transition, VisitEvent, VisitState } from './waiting-room';

/**
 * How people stop being in the visit when it, or its meeting, ends around them. Part of the
 * waiting room's state machine (pure, no I/O); kept apart so each file stays readable.
 */

function withParticipants(state: VisitState, changed: readonly Participant[]): VisitState {
  const participants = { ...state.participants };
  for (const p of changed) participants[p.participantId] = p;
  return { ...state, participants };
}

/**
 * End visit: everyone still in the call or the waiting room leaves it now, so the details show
 * when each left and the audit trail has each leave, then the visit is over. Applied once: an
 * ended visit refuses every further command.
 */
export function endAll(state: VisitState, now: string): Transition {
  const events: VisitEvent[] = [];
  const changed: Participant[] = [];
  for (const p of Object.values(state.participants)) {
    if (p.state !== 'admitted' && p.state !== 'waiting') continue;
    if (p.inCall)
      events.push({ type: 'left-call', participantId: p.participantId, because: 'visit-ended' });
    events.push({ type: 'left', participantId: p.participantId, because: 'visit-ended' });
    changed.push({ ...p, state: 'left', endedAt: now, inCall: false });
  }
  events.push({ type: 'ended' });
  return { state: { ...withParticipants(state, changed), status: 'ended', endedAt: now }, events };
}

/**
 * Chime ended the meeting (End visit deleted it, or 5 minutes passed with nobody connected):
 * whoever it still counted as connected is not any more. Admission is untouched: in an open
 * visit the admitted get a new meeting when they come back. Nothing changes the second time.
 */
export function meetingEnded(state: VisitState): Transition {
  const inCall = Object.values(state.participants).filter((p) => p.inCall);
  if (inCall.length === 0) return { state, events: [] };
  return {
    state: withParticipants(
      state,
      inCall.map((p) => ({ ...p, inCall: false })),
    ),
    events: inCall.map((p) => ({
      type: 'left-call',
      participantId: p.participantId,
      because: 'meeting-ended',
    })),
  };
}

/** Media presence: whether someone's audio and video are connected, from the meeting's events. */
export function presence(state: VisitState, participantId: string, inCall: boolean): Transition {
  const participant = state.participants[participantId];
  if (!participant || participant.inCall === inCall) return { state, events: [] };
  return {
    state: withParticipants(state, [{ ...participant, inCall }]),
    events: [{ type: inCall ? 'joined-call' : 'left-call', participantId }],
  };
}
