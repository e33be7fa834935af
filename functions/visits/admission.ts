import type { UserActor } from '../identity/actor';
import { conflict } from '../platform/errors';
import { applyCommand } from './apply';
import type { VisitDeps } from './deps';
import type { VisitMessage } from './messages';
import { joinInfoOf, seatsFor } from './seats';
import { peopleInCall } from './views';
import type { Visit } from './visit';
import { providerNameOf, requireVisible } from './visit-lookup';
import type { Command } from './waiting-room';

type HostCommand = Extract<Command, { type: 'admit' | 'deny' | 'remove' }>;

/**
 * Allow (one, or several at once), Deny, or Remove; the provider of the visit only. Two round
 * trips for an Allow: the visit with the attendees of those let in (one read), then the new
 * state with its audit entries (one transaction). Their attendees were made with the meeting,
 * so admission calls Chime only for someone the visit did not know (an ad-hoc room's guest, a
 * guest invited after the start); that one call seats everyone waiting too, so the next Allows
 * need none.
 * The admitted are told at once, with their join information (one more round trip, their
 * connections looked up while the visit is read); the news stream tells them again a moment
 * later, which their page ignores, and is what tells them when the direct push is lost.
 */
export async function hostCommand(
  actor: UserActor,
  visitId: string,
  command: HostCommand,
  deps: VisitDeps,
): Promise<{ visit: Visit; full: string[] }> {
  const reaching =
    command.type === 'admit' && deps.push
      ? deps.push.reach(command.participantIds).catch(() => undefined)
      : undefined;
  // Only the visit's provider may Allow (checked below): their name labels their tile on the
  // pages let in, so those pages need not ask who is in the call before drawing it.
  const providerName =
    command.type === 'admit'
      ? providerNameOf({ providerId: actor.sub }, deps).catch(() => '')
      : undefined;
  const first = await deps.visits.snapshot(visitId);
  requireVisible(actor, first.visit, true);
  const { visit, attendees, events, meeting } = await applyCommand(
    visitId,
    command,
    actor.sub,
    deps,
    {
      first,
      extras: async ({ next, events, snapshot }) => {
        const admitted = events.flatMap((e) => (e.type === 'admitted' ? [e.participantId] : []));
        if (admitted.length === 0) return {};
        const waiting = Object.values(next.participants)
          .filter((p) => p.state === 'waiting')
          .map((p) => p.participantId);
        return seatsFor(next, snapshot, admitted, deps, waiting);
      },
    },
  );
  if (command.type !== 'admit') {
    // Removal is not done until the person's media is cut, and a denied person's unused
    // attendee goes too: deleted now (again if a retry), before answering.
    const record =
      attendees.get(command.participantId) ??
      (await deps.visits.attendee(visitId, command.participantId));
    if (record) {
      await deps.meetings.removeAttendee(record.meetingId, record.attendeeId);
      await deps.visits.deleteAttendee(visitId, command.participantId);
    }
    return { visit, full: [] };
  }
  const send = await reaching;
  if (send && meeting && !meeting.endedAt) {
    const people = peopleInCall(visit, (await providerName) ?? '');
    await Promise.all(
      events.flatMap((event) => {
        const attendee = event.type === 'admitted' ? attendees.get(event.participantId) : undefined;
        if (!attendee || attendee.meetingId !== meeting.meetingId) return [];
        const message: VisitMessage = {
          type: 'admitted',
          visitId,
          joinInfo: joinInfoOf(meeting, attendee),
          people,
        };
        return [send(attendee.participantId, message)];
      }),
    );
  }
  // Whoever is still waiting was not let in because the visit is full (the rest is refused).
  const full = command.participantIds.filter((id) => visit.participants[id]?.state === 'waiting');
  if (full.length > 0 && full.length === command.participantIds.length)
    throw conflict('visit.full', fullMessage(visit));
  return { visit, full };
}

/** What the provider is told when nobody more fits: how many places there are, and why. */
export function fullMessage(visit: Visit): string {
  const places = visit.maxExtraAttendees;
  return `The visit is full: ${places} ${places === 1 ? 'person' : 'people'} may join beside you and the patient, and ${places === 1 ? 'that place is' : 'all places are'} taken. Remove someone to let another person in.`;
}
