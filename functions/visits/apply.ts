import { conflict, notFound } from '../platform/errors';
import type { VisitDeps } from './deps';
import type { AuditEntry, Visit } from './visit';
import { type Command, transition, type VisitEvent } from './waiting-room';

/** How often a change re-reads the visit after another change won the race. */
const maxAttempts = 40;

const auditType: Record<VisitEvent['type'], string | undefined> = {
  started: 'visit.started',
  knocked: 'participant.knocked',
  rejoined: undefined,
  admitted: 'participant.admitted',
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

/**
 * Applies a command to a visit under its optimistic lock: read, transition, write if nobody
 * wrote meanwhile, else read again. Twenty admissions at once are applied one after another,
 * so the cap holds. `create` makes the visit when the command is its first.
 */
export async function applyCommand(
  visitId: string,
  command: Command | ((visit: Visit) => Command),
  actor: string,
  deps: VisitDeps,
  create?: () => Promise<Visit>,
): Promise<{ visit: Visit; events: VisitEvent[] }> {
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const current = (await deps.visits.get(visitId)) ?? (create ? await create() : undefined);
    if (!current) throw notFound('visit.not_found', 'There is no such visit.');
    const now = deps.now().toISOString();
    const { state, events } = transition(
      current,
      typeof command === 'function' ? command(current) : command,
      now,
    );
    if (events.length === 0 && current.version > 0) return { visit: current, events };
    const next: Visit = { ...current, ...state, version: current.version + 1 };
    if (await deps.visits.commit(next, current.version, auditEntries(next, events, actor, now)))
      return { visit: next, events };
    // Lost the race: back off a little (more each time, with jitter) and read again.
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 10 * (attempt + 1))));
  }
  throw conflict('visit.busy', 'Many changes are happening at once. Please try again.');
}
