import { applyCommand } from './apply';
import type { VisitDeps } from './deps';
import type { VisitSnapshot } from './ports';
import { participantView } from './views';
import { participantFor, providerNameOf } from './visit-lookup';
import type { Participant } from './waiting-room';

/** A participant's own place: waiting, in, denied, removed, or the visit ended. */
export async function myPlace(token: string | undefined, visitId: string, deps: VisitDeps) {
  const { visit, participant } = await participantFor(token, visitId, deps);
  return participantView(visit, participant, await providerNameOf(visit, deps));
}

/** Leave the waiting room or the call; the attendee (and its JoinToken) is deleted at once. */
export async function leaveVisit(token: string | undefined, visitId: string, deps: VisitDeps) {
  const { participant, snapshot } = await participantFor(token, visitId, deps);
  return leaveAs(participant, snapshot, visitId, deps);
}

/** A phone caller hung up (or was told to call again): they leave like anyone else. */
export async function phoneCallerLeft(visitId: string, participantId: string, deps: VisitDeps) {
  const snapshot = await deps.visits.snapshot(visitId);
  const participant = snapshot.visit?.participants[participantId];
  if (!participant || snapshot.visit?.status !== 'open') return;
  if (participant.state !== 'waiting' && participant.state !== 'admitted') return;
  await leaveAs(participant, snapshot, visitId, deps);
}

async function leaveAs(
  participant: Participant,
  snapshot: VisitSnapshot,
  visitId: string,
  deps: VisitDeps,
) {
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
