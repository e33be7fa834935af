import { maxInvitees } from '../invitations/invitee-limit';
import type { VisitDeps } from './deps';
import type { CreatedAttendee, MeetingsTurn, Seats, VisitSnapshot } from './ports';
import type { AttendeeRecord, MeetingRecord, Visit } from './visit';

/**
 * Seats in the visit's Chime meeting: the meeting itself and each participant's attendee. The
 * meeting is made once per visit, when the provider starts, with attendees for everyone the
 * visit already knows (provider, client, each invitee: their participant ids are fixed, see
 * participant-ids.ts), so admitting one of them hands out join information without calling
 * Chime. Only someone the visit did not know (an ad-hoc room's guest), or a meeting Chime has
 * ended, costs a call at admission or join.
 */

export type JoinInfo = { Meeting: Record<string, unknown>; Attendee: Record<string, unknown> };

/** The meeting to hand out, unless Chime has said it ended. */
export const liveMeeting = (meeting: MeetingRecord | undefined) =>
  meeting && !meeting.endedAt ? meeting : undefined;

/** This participant's attendee in the live meeting, if they have one. */
export function seatOf(snapshot: VisitSnapshot, participantId: string): AttendeeRecord | undefined {
  const meeting = liveMeeting(snapshot.meeting);
  const attendee = snapshot.attendees.get(participantId);
  return meeting && attendee?.meetingId === meeting.meetingId ? attendee : undefined;
}

export function joinInfoOf(meeting: MeetingRecord, attendee: AttendeeRecord): JoinInfo {
  return { Meeting: meeting.meeting, Attendee: attendee.attendee };
}

/**
 * Attendees a meeting may have: everyone who could be invited beside provider and client, plus
 * the clinic's cap of guests. The waiting room enforces who is in the call; this only bounds
 * what Chime will make (unused attendees are deleted on deny, remove and end).
 */
const meetingCapacity = (visit: Visit) => 2 + maxInvitees + visit.maxExtraAttendees;

function records(visit: Visit, meeting: MeetingRecord, made: readonly CreatedAttendee[]) {
  return made.map(
    (item): AttendeeRecord => ({
      visitId: visit.visitId,
      participantId: item.externalUserId,
      meetingId: meeting.meetingId,
      attendeeId: item.attendeeId,
      attendee: item.attendee,
    }),
  );
}

/**
 * What to write so that `participantIds` have attendees in a live meeting: nothing when they
 * have; BatchCreateAttendee for those missing (and those of `alsoFor` missing, while the
 * meeting has room); or, when there is no live meeting, the next generation made with
 * attendees for them, everyone admitted (who come back to it) and `alsoFor` (the people the
 * visit knows), in that order of priority.
 */
export async function seatsFor(
  visit: Visit,
  snapshot: VisitSnapshot,
  participantIds: readonly string[],
  deps: Pick<VisitDeps, 'meetings'>,
  alsoFor: readonly string[] = [],
  turn?: MeetingsTurn,
): Promise<Seats> {
  const meeting = liveMeeting(snapshot.meeting);
  if (meeting) {
    const missing = participantIds.filter((id) => !seatOf(snapshot, id));
    if (missing.length === 0) return {};
    // The same call seats those of `alsoFor` who have none yet (people in the waiting room):
    // letting them in one by one afterwards then costs no call at Chime's rate.
    const room = Math.max(0, meetingCapacity(visit) - snapshot.attendees.size - missing.length);
    const spare = alsoFor.filter((id) => !missing.includes(id) && !seatOf(snapshot, id));
    const made = await deps.meetings.addAttendees(meeting.meetingId, [
      ...missing,
      ...spare.slice(0, room),
    ]);
    if (made !== 'gone') return { attendees: records(visit, meeting, made) };
  }
  const replacing = snapshot.meeting?.generation ?? 0;
  const generation = replacing + 1;
  const admitted = Object.values(visit.participants)
    .filter((p) => p.state === 'admitted')
    .map((p) => p.participantId);
  const everyone = [...new Set([...participantIds, ...admitted, ...alsoFor])];
  const made = await deps.meetings.create({
    clientRequestToken: `${visit.visitId}-${generation}`,
    externalMeetingId: visit.visitId,
    maxAttendees: meetingCapacity(visit),
    externalUserIds: everyone,
    ...(turn ? { turn } : {}),
  });
  const record: MeetingRecord = {
    visitId: visit.visitId,
    generation,
    meetingId: made.meetingId,
    meeting: made.meeting,
  };
  return { meeting: { record, replacing }, attendees: records(visit, record, made.attendees) };
}

/** Takes someone out of the media at once: their attendee (and its JoinToken) is deleted. */
export async function dropAttendee(
  visit: Visit,
  participantId: string,
  deps: Pick<VisitDeps, 'visits' | 'meetings'>,
): Promise<void> {
  const record = await deps.visits.attendee(visit.visitId, participantId);
  if (!record) return;
  await deps.meetings.removeAttendee(record.meetingId, record.attendeeId);
  await deps.visits.deleteAttendee(visit.visitId, participantId);
}
