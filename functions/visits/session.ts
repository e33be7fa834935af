import type { VisitDeps } from './deps';
import type { AttendeeRecord, MeetingRecord, Visit } from './visit';

type Joined = Map<string, { meeting: MeetingRecord; attendee: AttendeeRecord }>;

/**
 * The visit's Chime meeting, created lazily when the first person is let in. Creating is
 * idempotent (ClientRequestToken = visit + generation), so concurrent creators get one meeting,
 * and the stored record moves only from the generation the creator saw ended: a loser of that
 * race reads the winner's meeting, which (same token) is the one it was given too.
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

/** Creates (or, by ExternalUserId, finds) attendees in one meeting and records them. */
async function createAttendees(
  visit: Visit,
  meeting: MeetingRecord,
  participantIds: readonly string[],
  deps: VisitDeps,
): Promise<Map<string, AttendeeRecord> | 'gone'> {
  const created = await deps.meetings.addAttendees(meeting.meetingId, participantIds);
  if (created === 'gone') return 'gone';
  const records = new Map<string, AttendeeRecord>();
  for (const item of created) {
    const record: AttendeeRecord = {
      visitId: visit.visitId,
      participantId: item.externalUserId,
      meetingId: meeting.meetingId,
      attendeeId: item.attendeeId,
      attendee: item.attendee,
    };
    await deps.visits.putAttendee(record);
    records.set(item.externalUserId, record);
  }
  return records;
}

/** These people's attendees in this meeting, created where missing; 'gone' once it has ended. */
async function inMeeting(
  visit: Visit,
  meeting: MeetingRecord,
  participantIds: readonly string[],
  deps: VisitDeps,
): Promise<Joined | 'gone'> {
  const existing = await Promise.all(
    participantIds.map((id) => deps.visits.attendee(visit.visitId, id)),
  );
  const result: Joined = new Map();
  for (const [i, id] of participantIds.entries()) {
    const record = existing[i];
    if (record?.meetingId === meeting.meetingId) result.set(id, { meeting, attendee: record });
  }
  const missing = participantIds.filter((id) => !result.has(id));
  if (missing.length === 0) {
    // Join information already made for a meeting Chime has since ended (5 minutes with nobody
    // connected) would admit no one: ask whether it still exists before handing it out again.
    return (await deps.meetings.exists(meeting.meetingId)) ? result : 'gone';
  }
  const created = await createAttendees(visit, meeting, missing, deps);
  if (created === 'gone') return 'gone';
  for (const [id, attendee] of created) result.set(id, { meeting, attendee });
  return result;
}

/**
 * The meeting has ended while the visit goes on: the next generation replaces it, and everyone
 * still admitted gets an attendee there at once (one BatchCreateAttendee), so whoever comes
 * back, alone or several at the same moment, lands in the same new meeting.
 */
async function replaceMeeting(
  visit: Visit,
  ended: MeetingRecord,
  deps: VisitDeps,
): Promise<MeetingRecord> {
  const next = await createMeeting(visit, ended.generation, deps);
  const admitted = Object.values(visit.participants)
    .filter((p) => p.state === 'admitted')
    .map((p) => p.participantId);
  // If even the new one is gone already, the caller's next round notices and replaces it.
  if (admitted.length > 0) await createAttendees(visit, next, admitted, deps);
  return next;
}

/**
 * Chime attendees for admitted participants (BatchCreateAttendee; ExternalUserId is the opaque
 * participant id, so asking twice returns the same attendee). When Chime has ended the meeting
 * (5 minutes with nobody connected), a new one replaces it without anyone noticing: found when
 * creating an attendee, or, for people who already have one, by GetMeeting.
 */
export async function attendeesFor(
  visit: Visit,
  participantIds: readonly string[],
  deps: VisitDeps,
): Promise<Joined> {
  if (participantIds.length === 0) return new Map();
  let meeting = await currentMeeting(visit, deps);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const joined = await inMeeting(visit, meeting, participantIds, deps);
    if (joined !== 'gone') return joined;
    meeting = await replaceMeeting(visit, meeting, deps);
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
