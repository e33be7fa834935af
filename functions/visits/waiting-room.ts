import { conflict, forbidden, gone, notFound } from '../platform/errors';
import { endAll, meetingEnded, presence } from './visit-end';

/**
 * The waiting room as a pure state machine: knock, admit, deny, remove, leave, end, and the
 * provider's start. No I/O; every change is a command applied to a state, giving the next state
 * and the events it caused. The store persists the result under an optimistic lock, so two
 * commands racing are applied one after the other, never interleaved.
 */
export type ParticipantKind = 'provider' | 'client' | 'contact' | 'guest';
export type Via = 'link' | 'portal' | 'phone' | 'app';
export type ParticipantState = 'waiting' | 'admitted' | 'denied' | 'removed' | 'left';

/**
 * A call the provider placed to someone's phone (dial-out), as the provider sees it: ringing,
 * answered (asked to press 1), joined, or why it did not connect.
 */
export type DialStatus =
  | 'ringing'
  | 'answered'
  | 'joined'
  | 'no-answer'
  | 'busy'
  | 'declined'
  | 'failed';
/** The statuses after which the call is over without the person in the visit. */
export const unreachedStatuses: readonly DialStatus[] = ['no-answer', 'busy', 'declined', 'failed'];

/** An earlier time someone spent in the visit, kept when they knock again after it ended. */
export interface Stint {
  knockedAt: string;
  admittedAt?: string;
  endedAt?: string;
  state: Extract<ParticipantState, 'denied' | 'removed' | 'left'>;
}

/** How many earlier stints a participant keeps (a visit is short; this bounds the item size). */
export const maxEarlierStints = 20;

export interface Participant {
  participantId: string;
  /** Who this is, so that the same person knocking again is the same participant. */
  identity: string;
  kind: ParticipantKind;
  via: Via;
  name: string;
  /**
   * Whose invitation they came by, as staff may see it beside the typed name: a contact's
   * name, the masked address or number it was sent to, or the client's own link.
   */
  invitedAs?: string;
  /** The invitation (invitee) whose link they used, for the list of who was invited. */
  inviteeId?: string;
  sub?: string;
  /** A caller's phone call (the SIP media application's TransactionId), while they are on it. */
  phoneCall?: string;
  /** Called by the provider (dial-out): how that call went. */
  dialOut?: DialStatus;
  state: ParticipantState;
  knockedAt: string;
  admittedAt?: string;
  endedAt?: string;
  /** Whether their media is connected right now (from the meeting's join and leave events). */
  inCall: boolean;
  /** Their earlier stints in this visit (removed, then let in again…), oldest first. */
  earlier?: Stint[];
}

export interface VisitState {
  visitId: string;
  providerId: string;
  status: 'open' | 'ended';
  /** When the provider started the visit; before that, everyone waits for them. */
  startedAt?: string;
  endedAt?: string;
  /** Attendees beside provider and patient, from the clinic settings when the visit opened. */
  maxExtraAttendees: number;
  participants: Record<string, Participant>;
}

export type Command =
  | { type: 'start'; participantId: string; sub: string; name: string }
  | {
      type: 'knock';
      participantId: string;
      identity: string;
      kind: Exclude<ParticipantKind, 'provider'>;
      via: Via;
      name: string;
      invitedAs?: string;
      inviteeId?: string;
      sub?: string;
      phoneCall?: string;
    }
  /**
   * The provider calls a phone: the callee is in the visit from the first ring (the provider
   * chose to call: no waiting room), and holds a place of the cap while it rings.
   */
  | { type: 'call'; participantId: string; identity: string; name: string; invitedAs: string }
  /** How the provider's call goes (the phone line tells); `phoneCall` once it is placed. */
  | { type: 'dial-status'; participantId: string; status: DialStatus; phoneCall?: string }
  | { type: 'admit'; participantIds: string[] }
  | { type: 'deny'; participantId: string }
  | { type: 'remove'; participantId: string }
  | { type: 'leave'; participantId: string }
  | { type: 'presence'; participantId: string; inCall: boolean }
  /** Their pages closed and stayed closed (see departure.ts): gone, unless their media is on. */
  | { type: 'gone'; participantId: string }
  /** Chime ended the meeting: nobody's media is connected any more. */
  | { type: 'meeting-ended' }
  | { type: 'end' };

export type VisitEvent =
  | { type: 'started'; participantId: string }
  | { type: 'knocked'; participantId: string }
  | { type: 'rejoined'; participantId: string }
  | { type: 'admitted'; participantId: string }
  | { type: 'called'; participantId: string }
  /** A provider's call went on (answered, joined) or did not connect (the place is freed). */
  | { type: 'dial-status'; participantId: string; status: DialStatus }
  | { type: 'full'; participantId: string }
  | { type: 'denied'; participantId: string }
  | { type: 'removed'; participantId: string }
  /**
   * `because` says when the leaving was not their own doing: the visit ended around them, or
   * their page closed (a tab shut, the network gone) and did not come back.
   */
  | { type: 'left'; participantId: string; because?: 'visit-ended' | 'connection-lost' }
  | { type: 'joined-call'; participantId: string }
  | { type: 'left-call'; participantId: string; because?: 'visit-ended' | 'meeting-ended' }
  | { type: 'ended' };

export interface Transition {
  state: VisitState;
  events: VisitEvent[];
}

/** People in the call beside the provider and the patient: the ones the clinic's cap counts. */
export function extraAttendees(state: VisitState): number {
  return Object.values(state.participants).filter(
    (p) => p.state === 'admitted' && p.kind !== 'provider' && p.kind !== 'client',
  ).length;
}

export function findByIdentity(state: VisitState, identity: string): Participant | undefined {
  return Object.values(state.participants).find((p) => p.identity === identity);
}

function requireParticipant(state: VisitState, participantId: string): Participant {
  const participant = state.participants[participantId];
  if (!participant)
    throw notFound('participant.not_found', 'There is no such participant in this visit.');
  return participant;
}

function requireOpen(state: VisitState): void {
  if (state.status === 'ended') throw gone('visit.ended', 'This visit has ended.');
}

function withParticipant(state: VisitState, participant: Participant): VisitState {
  return {
    ...state,
    participants: { ...state.participants, [participant.participantId]: participant },
  };
}

function start(
  state: VisitState,
  command: Extract<Command, { type: 'start' }>,
  now: string,
): Transition {
  if (state.startedAt && state.providerId !== command.sub) {
    throw forbidden('visit.hosted', 'Another provider is running this visit.');
  }
  // Before it starts, the visit is hosted by whoever starts it (an ad-hoc room's, say).
  state = { ...state, providerId: command.sub };
  const existing = findByIdentity(state, 'provider');
  const provider: Participant = existing
    ? { ...existing, state: 'admitted', admittedAt: existing.admittedAt ?? now }
    : {
        participantId: command.participantId,
        identity: 'provider',
        kind: 'provider',
        via: 'app',
        name: command.name,
        sub: command.sub,
        state: 'admitted',
        knockedAt: now,
        admittedAt: now,
        inCall: false,
      };
  // A provider who drops and comes back is never locked out: starting again simply lets them in.
  return {
    state: { ...withParticipant(state, provider), startedAt: state.startedAt ?? now },
    events: state.startedAt
      ? [{ type: 'rejoined', participantId: provider.participantId }]
      : [{ type: 'started', participantId: provider.participantId }],
  };
}

function knock(
  state: VisitState,
  command: Extract<Command, { type: 'knock' }>,
  now: string,
): Transition {
  const existing = findByIdentity(state, command.identity);
  if (existing?.state === 'admitted' || existing?.state === 'waiting') {
    // A reload or a second device: same participant, same place (no new knock).
    return {
      state: withParticipant(state, {
        ...existing,
        name: command.name,
        ...(command.phoneCall ? { phoneCall: command.phoneCall } : {}),
      }),
      events: [{ type: 'rejoined', participantId: existing.participantId }],
    };
  }
  // Denied, removed or gone before: a new stint, and the last one is kept for the details.
  const earlier = existing ? [...(existing.earlier ?? []), stintOf(existing)] : [];
  const participant: Participant = {
    participantId: existing?.participantId ?? command.participantId,
    identity: command.identity,
    kind: command.kind,
    via: command.via,
    name: command.name,
    ...(command.invitedAs ? { invitedAs: command.invitedAs } : {}),
    ...(command.inviteeId ? { inviteeId: command.inviteeId } : {}),
    ...(command.sub ? { sub: command.sub } : {}),
    ...(command.phoneCall ? { phoneCall: command.phoneCall } : {}),
    state: 'waiting',
    knockedAt: now,
    inCall: false,
    ...(earlier.length > 0 ? { earlier: earlier.slice(-maxEarlierStints) } : {}),
  };
  return {
    state: withParticipant(state, participant),
    events: [{ type: 'knocked', participantId: participant.participantId }],
  };
}

function stintOf(p: Participant): Stint {
  return {
    knockedAt: p.knockedAt,
    ...(p.admittedAt ? { admittedAt: p.admittedAt } : {}),
    ...(p.endedAt ? { endedAt: p.endedAt } : {}),
    state: p.state === 'denied' || p.state === 'removed' ? p.state : 'left',
  };
}

function admit(state: VisitState, participantIds: readonly string[], now: string): Transition {
  // Nobody is let in before the provider is there to meet them (Allow on the schedule page).
  if (!state.startedAt) throw conflict('visit.not_started', 'Start the visit to let people in.');
  let next = state;
  const events: VisitEvent[] = [];
  for (const id of participantIds) {
    const participant = requireParticipant(next, id);
    if (participant.state === 'admitted') continue; // admitting twice is harmless
    if (participant.state !== 'waiting')
      throw conflict('participant.not_waiting', `${participant.name} is not in the waiting room.`);
    const counted = participant.kind !== 'client';
    if (counted && extraAttendees(next) >= next.maxExtraAttendees) {
      events.push({ type: 'full', participantId: id });
      continue;
    }
    next = withParticipant(next, { ...participant, state: 'admitted', admittedAt: now });
    events.push({ type: 'admitted', participantId: id });
  }
  return { state: next, events };
}

function call(state: VisitState, command: Extract<Command, { type: 'call' }>, now: string) {
  if (!state.startedAt) throw conflict('visit.not_started', 'Start the visit to call someone.');
  if (extraAttendees(state) >= state.maxExtraAttendees)
    throw conflict('visit.full', 'The visit is full: remove someone to call another person.');
  const participant: Participant = {
    participantId: command.participantId,
    identity: command.identity,
    kind: 'guest',
    via: 'phone',
    name: command.name,
    invitedAs: command.invitedAs,
    dialOut: 'ringing',
    state: 'admitted',
    knockedAt: now,
    admittedAt: now,
    inCall: false,
  };
  return {
    state: withParticipant(state, participant),
    events: [{ type: 'called', participantId: participant.participantId }],
  } satisfies Transition;
}

/**
 * A status of a provider's call. One that did not connect frees its place; a status that
 * comes late (the call was removed, or the visit ended meanwhile) only records the call's id.
 */
function dialStatus(
  state: VisitState,
  command: Extract<Command, { type: 'dial-status' }>,
  now: string,
): Transition {
  const participant = requireParticipant(state, command.participantId);
  const phoneCall = command.phoneCall ? { phoneCall: command.phoneCall } : {};
  const settled =
    participant.state !== 'admitted' ||
    participant.dialOut === undefined ||
    participant.dialOut === command.status ||
    // Once joined, only their hanging up takes them out (as it does any caller).
    (participant.dialOut === 'joined' && unreachedStatuses.includes(command.status));
  const event: VisitEvent = {
    type: 'dial-status',
    participantId: participant.participantId,
    status: command.status,
  };
  if (settled) {
    // The call's id, once it is placed, is kept (written with an event of its own): removing
    // the person, or ending the visit, withdraws the call through it.
    const placed = command.phoneCall !== undefined && participant.state === 'admitted';
    return {
      state: withParticipant(state, { ...participant, ...phoneCall }),
      events: placed && command.phoneCall !== participant.phoneCall ? [event] : [],
    };
  }
  if (!unreachedStatuses.includes(command.status))
    return {
      state: withParticipant(state, { ...participant, ...phoneCall, dialOut: command.status }),
      events: [event],
    };
  return {
    state: withParticipant(state, {
      ...participant,
      ...phoneCall,
      dialOut: command.status,
      state: 'left',
      endedAt: now,
      inCall: false,
    }),
    events: [event],
  };
}

function settle(
  state: VisitState,
  participantId: string,
  from: ParticipantState[],
  to: ParticipantState,
  event: VisitEvent['type'],
  now: string,
): Transition {
  const participant = requireParticipant(state, participantId);
  if (participant.state === to) return { state, events: [] };
  if (!from.includes(participant.state)) {
    throw conflict(
      'participant.not_allowed',
      `This cannot be done while ${participant.name} is ${participant.state}.`,
    );
  }
  const next: Participant = { ...participant, state: to, endedAt: now, inCall: false };
  return {
    state: withParticipant(state, next),
    events: [{ type: event, participantId } as VisitEvent],
  };
}

/** Applies one command. Throws an AppError (with its code) for a command that is not allowed now. */
export function transition(state: VisitState, command: Command, now: string): Transition {
  // Media news is recorded whenever it comes, also after the end (it may arrive late).
  if (command.type === 'presence') return presence(state, command.participantId, command.inCall);
  if (command.type === 'meeting-ended') return meetingEnded(state);
  if (command.type === 'gone') return goneAway(state, command.participantId, now);
  requireOpen(state);
  switch (command.type) {
    case 'start':
      return start(state, command, now);
    case 'knock':
      return knock(state, command, now);
    case 'call':
      return call(state, command, now);
    case 'dial-status':
      return dialStatus(state, command, now);
    case 'admit':
      return admit(state, command.participantIds, now);
    case 'deny':
      return settle(state, command.participantId, ['waiting'], 'denied', 'denied', now);
    case 'remove': {
      if (requireParticipant(state, command.participantId).kind === 'provider') {
        throw forbidden(
          'participant.is_provider',
          'The provider cannot be removed; end the visit instead.',
        );
      }
      return settle(
        state,
        command.participantId,
        ['admitted', 'waiting'],
        'removed',
        'removed',
        now,
      );
    }
    case 'leave':
      return settle(state, command.participantId, ['admitted', 'waiting'], 'left', 'left', now);
    case 'end':
      return endAll(state, now);
  }
}

/**
 * Someone whose every page closed and stayed closed: waiting, or let in but not connected to
 * the call, they have left (the provider's list says so at once). With their media still on,
 * or after the end, nothing changes: the meeting's own events tell when they really go.
 */
function goneAway(state: VisitState, participantId: string, now: string): Transition {
  const participant = state.participants[participantId];
  const away =
    state.status === 'open' &&
    (participant?.state === 'waiting' ||
      (participant?.state === 'admitted' && !participant.inCall));
  if (!participant || !away) return { state, events: [] };
  return {
    state: withParticipant(state, { ...participant, state: 'left', endedAt: now, inCall: false }),
    events: [{ type: 'left', participantId, because: 'connection-lost' }],
  };
}

export function newVisit(
  visitId: string,
  providerId: string,
  maxExtraAttendees: number,
): VisitState {
  return { visitId, providerId, status: 'open', maxExtraAttendees, participants: {} };
}
