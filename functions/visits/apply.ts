import { conflict, notFound } from '../platform/errors';
import type { VisitDeps } from './deps';
import type { Seats, VisitSnapshot, VisitWrite } from './ports';
import type { AttendeeRecord, AuditEntry, MeetingRecord, Visit } from './visit';
import { type Command, transition, type VisitEvent } from './waiting-room';

/** How often a change re-reads the visit after another change won the race. */
const maxAttempts = 40;

const auditType: Record<VisitEvent['type'], string | undefined> = {
  started: 'visit.started',
  knocked: 'participant.knocked',
  rejoined: undefined,
  admitted: 'participant.admitted',
  called: 'phone.called',
  'dial-status': 'phone.dial_status',
  full: 'participant.full',
  denied: 'participant.denied',
  removed: 'participant.removed',
  left: 'participant.left',
  'joined-call': 'participant.joined',
  'left-call': 'participant.left_call',
  ended: 'visit.ended',
};

/**
 * Audit entries for a change, with ids fixed by the visit's version: the entries go into the
 * same transaction as the state, so each event is written exactly once.
 */
function auditEntries(
  visit: Visit,
  events: readonly VisitEvent[],
  actor: string,
  at: string,
): AuditEntry[] {
  return events.flatMap((event, i) => {
    const type = auditType[event.type];
    if (!type) return [];
    const subject = 'participantId' in event ? event.participantId : undefined;
    const participant = subject ? visit.participants[subject] : undefined;
    // A leave the person did not choose (End visit, the meeting ending) says so.
    const because: Record<string, string> =
      'because' in event && event.because ? { because: event.because } : {};
    if (event.type === 'dial-status') because.status = event.status;
    return [
      {
        eventId: `${visit.visitId}:${visit.version}:${i}`,
        visitId: visit.visitId,
        at,
        type,
        actor,
        ...(subject ? { subject } : {}),
        ...(participant
          ? { details: { kind: participant.kind, via: participant.via, ...because } }
          : {}),
      },
    ];
  });
}

/** What a change writes beside the state: a credential, seats in the meeting, its end. */
export type Extras = Seats & Pick<VisitWrite, 'token' | 'meetingEnded'>;

export interface ApplyOptions {
  /** Makes the visit when this command is its first. */
  create?: () => Visit;
  /** The first read, when the caller made it already (in parallel with its own reads). */
  first?: VisitSnapshot;
  /** What else the change writes, given the state it leads to (may call Chime for seats). */
  extras?: (change: {
    next: Visit;
    events: readonly VisitEvent[];
    snapshot: VisitSnapshot;
  }) => Promise<Extras>;
}

export interface Applied {
  visit: Visit;
  events: VisitEvent[];
  /** The meeting and attendees after the change (what was read, and what it made). */
  meeting: MeetingRecord | undefined;
  attendees: Map<string, AttendeeRecord>;
}

/**
 * Applies a command to a visit under its optimistic lock: read, transition, write everything
 * the change makes in one transaction if nobody wrote meanwhile, else read again. Twenty
 * admissions at once are applied one after another, so the cap holds.
 */
export async function applyCommand(
  visitId: string,
  command: Command | ((visit: Visit) => Command),
  actor: string,
  deps: Pick<VisitDeps, 'visits' | 'now'>,
  options: ApplyOptions = {},
): Promise<Applied> {
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const snapshot =
      attempt === 0 && options.first ? options.first : await deps.visits.snapshot(visitId);
    const current = snapshot.visit ?? options.create?.();
    if (!current) throw notFound('visit.not_found', 'There is no such visit.');
    const now = deps.now().toISOString();
    const { state, events } = transition(
      current,
      typeof command === 'function' ? command(current) : command,
      now,
    );
    if (events.length === 0 && current.version > 0)
      return { visit: current, events, meeting: snapshot.meeting, attendees: snapshot.attendees };
    const next: Visit = { ...current, ...state, version: current.version + 1 };
    const extras = options.extras ? await options.extras({ next, events, snapshot }) : {};
    const outcome = await deps.visits.commit({
      next,
      expectedVersion: current.version,
      events,
      audit: auditEntries(next, events, actor, now),
      ...extras,
    });
    if (outcome === 'committed') {
      const attendees = new Map(snapshot.attendees);
      for (const record of extras.attendees ?? []) attendees.set(record.participantId, record);
      return {
        visit: next,
        events,
        meeting: extras.meeting?.record ?? snapshot.meeting,
        attendees,
      };
    }
    // Lost the race: back off a little (more each time, with jitter) and read again.
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 10 * (attempt + 1))));
  }
  throw conflict('visit.busy', 'Many changes are happening at once. Please try again.');
}
