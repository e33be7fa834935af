import { applyCommand } from './apply';
import type { VisitDeps } from './deps';
import { participantView } from './views';
import { participantFor, providerNameOf } from './visit-lookup';

/** A participant's own place: waiting, in, denied, removed, or the visit ended. */
export async function myPlace(token: string | undefined, visitId: string, deps: VisitDeps) {
  const { visit, participant } = await participantFor(token, visitId, deps);
  return participantView(visit, participant, await providerNameOf(visit, deps));
}

/** Leave the waiting room or the call; the attendee (and its JoinToken) is deleted at once. */
export async function leaveVisit(token: string | undefined, visitId: string, deps: VisitDeps) {
  const { participant, snapshot } = await participantFor(token, visitId, deps);
  const providerName = providerNameOf(snapshot.visit ?? { providerId: '' }, deps);
  const { visit, attendees } = await applyCommand(
    visitId,
    { type: 'leave', participantId: participant.participantId },
    participant.participantId,
    deps,
    { first: snapshot },
  );
  const record = attendees.get(participant.participantId);
  if (record) {
    await deps.meetings.removeAttendee(record.meetingId, record.attendeeId);
    await deps.visits.deleteAttendee(visitId, participant.participantId);
  }
  return participantView(
    visit,
    visit.participants[participant.participantId] ?? participant,
    await providerName,
  );
}
