import { logger } from '../platform/logger';
import type { VisitDeps } from './deps';
import { participantMessages, type VisitMessage } from './messages';
import { attendeesFor } from './session';
import type { Visit } from './visit';
import type { Participant, VisitEvent } from './waiting-room';

/** Sends a message to one participant wherever they are connected: as a person, or by token. */
export async function tell(
  participant: Participant,
  message: VisitMessage,
  deps: VisitDeps,
): Promise<void> {
  if (participant.sub) await deps.notify.toUser(participant.sub, message);
  else await deps.notify.toParticipant(participant.participantId, message);
}

/** The provider and the staff watching the visit page learn that it changed. */
async function tellHosts(visit: Visit, deps: VisitDeps): Promise<void> {
  const message: VisitMessage = { type: 'visit-changed', visitId: visit.visitId };
  await Promise.all([
    deps.notify.toUser(visit.providerId, message),
    deps.notify.toWatchers(visit.visitId, message),
  ]);
}

/**
 * The news a committed change sends: knocks to the provider, join information to (only) those
 * admitted, and what happened to those denied, removed or waiting. Pushes are hints: a failed one
 * is logged, and the page recovers by reading the state. What must not be lost (deleting a
 * removed person's attendee, ending the meeting) is done by the actions themselves, before this.
 */
export async function react(
  visit: Visit,
  events: readonly VisitEvent[],
  deps: VisitDeps,
): Promise<void> {
  try {
    const admitted = events
      .filter((e) => e.type === 'admitted')
      .map((e) => (e as { participantId: string }).participantId);
    const attendees = await attendeesFor(visit, admitted, deps);
    await Promise.all(
      events.map(async (event) => {
        const participant =
          'participantId' in event ? visit.participants[event.participantId] : undefined;
        switch (event.type) {
          case 'knocked':
            if (!participant) return;
            return deps.notify.toUser(visit.providerId, {
              type: 'knock',
              visitId: visit.visitId,
              participantId: participant.participantId,
              name: participant.name,
              via: participant.via,
              knockedAt: participant.knockedAt,
            });
          case 'admitted': {
            const found = participant && attendees.get(participant.participantId);
            if (!participant || !found) return;
            return tell(
              participant,
              {
                type: 'admitted',
                visitId: visit.visitId,
                joinInfo: { Meeting: found.meeting.meeting, Attendee: found.attendee.attendee },
              },
              deps,
            );
          }
          case 'full':
          case 'denied':
          case 'removed':
            // A removed person's attendee was deleted before this runs (removeParticipant):
            // here, as for the others, only the news.
            return (
              participant &&
              tell(
                participant,
                {
                  type: event.type,
                  visitId: visit.visitId,
                  message: participantMessages[event.type],
                },
                deps,
              )
            );
          case 'started':
            return Promise.all(
              Object.values(visit.participants)
                .filter((p) => p.state === 'waiting')
                .map((p) => tell(p, { type: 'started', visitId: visit.visitId }, deps)),
            );
          case 'ended':
            return Promise.all(
              Object.values(visit.participants)
                .filter((p) => p.kind !== 'provider')
                .map((p) =>
                  tell(
                    p,
                    { type: 'ended', visitId: visit.visitId, message: participantMessages.ended },
                    deps,
                  ),
                ),
            );
          default:
            return;
        }
      }),
    );
    if (events.length > 0) await tellHosts(visit, deps);
  } catch (error) {
    logger.error('visit side effects failed', {
      visitId: visit.visitId,
      error: error instanceof Error ? error : undefined,
    });
  }
}
