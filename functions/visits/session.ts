import type { VisitDeps } from './deps';
import type { AttendeeRecord, MeetingRecord, Visit } from './visit';

/**
 * The visit's Chime meeting, created lazily when the first person is let in. Creating is
 * idempotent (ClientRequestToken = visit + generation), so concurrent callers get one meeting.
 */
async function createMeeting(
  visit: Visit,
  replacing: number,
  deps: VisitDeps,
): Promise<MeetingRecord> {
  const generation = replacing + 1;
  const created = await deps.meetings.create(
    `${visit.visitId}-${generation}`,
    visit.visitId,
    2 + visit.maxExtraAttendees,
  );
  const record: MeetingRecord = {
    visitId: visit.visitId,
    generation,
    meetingId: created.meetingId,
    meeting: created.meeting,
  };
  if (await deps.visits.putMeeting(record, replacing)) return record;
  const winner = await deps.visits.meeting(visit.visitId);
  if (!winner) throw new Error('A meeting was replaced but cannot be read');
  return winner;
}

export async function currentMeeting(visit: Visit, deps: VisitDeps): Promise<MeetingRecord> {
  return (await deps.visits.meeting(visit.visitId)) ?? createMeeting(visit, 0, deps);
}

/**
 * Chime attendees for admitted participants (BatchCreateAttendee; ExternalUserId is the opaque
 * participant id, so asking twice returns the same attendee). When Chime has ended the meeting
 * (5 minutes with nobody connected), a new one replaces it without anyone noticing.
 */
export async function attendeesFor(
  visit: Visit,
  participantIds: readonly string[],
  deps: VisitDeps,
): Promise<Map<string, { meeting: MeetingRecord; attendee: AttendeeRecord }>> {
  const result = new Map<string, { meeting: MeetingRecord; attendee: AttendeeRecord }>();
  if (participantIds.length === 0) return result;
  let meeting = await currentMeeting(visit, deps);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const existing = await Promise.all(
      participantIds.map((id) => deps.visits.attendee(visit.visitId, id)),
    );
    const missing = participantIds.filter((_, i) => existing[i]?.meetingId !== meeting.meetingId);
    for (const [i, id] of participantIds.entries()) {
      const record = existing[i];
      if (record?.meetingId === meeting.meetingId) result.set(id, { meeting, attendee: record });
    }
    if (missing.length === 0) return result;
    const created = await deps.meetings.addAttendees(meeting.meetingId, missing);
    if (created === 'gone') {
      meeting = await createMeeting(visit, meeting.generation, deps);
      result.clear();
      continue;
    }
    for (const item of created) {
      const record: AttendeeRecord = {
        visitId: visit.visitId,
        participantId: item.externalUserId,
        meetingId: meeting.meetingId,
        attendeeId: item.attendeeId,
        attendee: item.attendee,
      };
      await deps.visits.putAttendee(record);
      result.set(item.externalUserId, { meeting, attendee: record });
    }
    return result;
  }
  throw new Error('The meeting kept ending while attendees were added');
}

/** The Chime join information for one participant: the meeting and their own attendee. */
export async function joinInfoFor(visit: Visit, participantId: string, deps: VisitDeps) {
  const found = (await attendeesFor(visit, [participantId], deps)).get(participantId);
  if (!found) throw new Error('No attendee was created');
  return { Meeting: found.meeting.meeting, Attendee: found.attendee.attendee };
}

/** Takes someone out of the media at once: their attendee (and its JoinToken) is deleted. */
export async function dropAttendee(
  visit: Visit,
  participantId: string,
  deps: VisitDeps,
): Promise<void> {
  const record = await deps.visits.attendee(visit.visitId, participantId);
  if (!record) return;
  await deps.meetings.removeAttendee(record.meetingId, record.attendeeId);
  await deps.visits.deleteAttendee(visit.visitId, participantId);
}
