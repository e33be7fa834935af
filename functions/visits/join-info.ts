import type { UserActor } from '../identity/actor';
import { forbidden, gone } from '../platform/errors';
import type { VisitDeps } from './deps';
import { startRoomVisit, startVisit } from './host-actions';
import type { VisitSnapshot } from './ports';
import { type JoinInfo, joinInfoOf, liveMeeting, seatOf, seatsFor } from './seats';
import type { Visit } from './visit';
import { participantFor, requireVisible } from './visit-lookup';
import { findByIdentity } from './waiting-room';

/**
 * Join information: the meeting and the person's own attendee, only ever to the admitted.
 * Usually one read: the attendee was made with the meeting. The stored meeting is trusted (no
 * GetMeeting on every fetch): Chime's MeetingEnded event marks it ended, and a page whose join
 * failed says which meeting failed (`failedMeetingId`), which is then checked once with Chime
 * and replaced by the next generation if it has ended.
 */

async function seatAndJoin(
  visit: Visit,
  read: VisitSnapshot,
  participantId: string,
  deps: VisitDeps,
  failedMeetingId: string | undefined,
): Promise<JoinInfo> {
  let snapshot = read;
  let checked = false;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const meeting = liveMeeting(snapshot.meeting);
    if (meeting && meeting.meetingId === failedMeetingId && !checked) {
      checked = true;
      if (!(await deps.meetings.exists(meeting.meetingId))) {
        const at = deps.now().toISOString();
        await deps.visits.markMeetingEnded(visit.visitId, meeting.meetingId, at);
        snapshot = { ...snapshot, meeting: { ...meeting, endedAt: at } };
      }
    }
    const live = liveMeeting(snapshot.meeting);
    const seat = seatOf(snapshot, participantId);
    if (live && seat) return joinInfoOf(live, seat);
    const seats = await seatsFor(visit, snapshot, [participantId], deps);
    if ((await deps.visits.saveSeats(visit.visitId, seats)) === 'committed') {
      const made = seats.attendees?.find((a) => a.participantId === participantId);
      const meetingNow = seats.meeting?.record ?? live;
      if (made && meetingNow) return joinInfoOf(meetingNow, made);
    }
    // Someone else replaced the meeting meanwhile: read again and join theirs.
    snapshot = await deps.visits.snapshot(visit.visitId);
  }
  throw new Error('The meeting kept changing while join information was made');
}

/** The provider's own join information (starting the visit if they had not). */
export async function hostSession(
  actor: UserActor,
  visitId: string,
  deps: VisitDeps,
  failedMeetingId?: string,
): Promise<JoinInfo> {
  let snapshot = await deps.visits.snapshot(visitId);
  const visit = requireVisible(actor, snapshot.visit, true);
  if (visit.status === 'ended') throw gone('visit.ended', 'This visit has ended.');
  if (findByIdentity(visit, 'provider')?.state !== 'admitted') {
    // Someone knocked before the provider started: starting now lets the provider in.
    if (visit.roomId) await startRoomVisit(actor, visit.roomId, deps);
    else await startVisit(actor, visitId, deps);
    snapshot = await deps.visits.snapshot(visitId);
  }
  const started = snapshot.visit ?? visit;
  const me = findByIdentity(started, 'provider');
  if (!me) throw new Error('The provider is not in their visit');
  const live = liveMeeting(snapshot.meeting);
  const seat = seatOf(snapshot, me.participantId);
  if (live && seat && live.meetingId !== failedMeetingId) return joinInfoOf(live, seat);
  return seatAndJoin(started, snapshot, me.participantId, deps, failedMeetingId);
}

/**
 * Where a phone caller stands, for the phone line (trusted server code, by participant id):
 * their state, and the meeting and JoinToken once they are admitted.
 */
export async function phoneSeat(
  visitId: string,
  participantId: string,
  deps: VisitDeps,
  failedMeetingId?: string,
): Promise<
  | { state: 'admitted'; join: { meetingId: string; joinToken: string; attendeeId: string } }
  | { state: 'waiting' | 'denied' | 'removed' | 'left' | 'ended' }
> {
  const snapshot = await deps.visits.snapshot(visitId);
  const visit = snapshot.visit;
  const participant = visit?.participants[participantId];
  if (!visit || !participant || visit.status === 'ended') return { state: 'ended' };
  if (participant.state !== 'admitted') return { state: participant.state };
  const live = liveMeeting(snapshot.meeting);
  const seat = seatOf(snapshot, participantId);
  const info =
    live && seat && live.meetingId !== failedMeetingId
      ? joinInfoOf(live, seat)
      : await seatAndJoin(visit, snapshot, participantId, deps, failedMeetingId);
  return {
    state: 'admitted',
    join: {
      meetingId: String(info.Meeting.MeetingId),
      joinToken: String(info.Attendee.JoinToken),
      attendeeId: String(info.Attendee.AttendeeId),
    },
  };
}

/** Join information for an admitted guest, client or contact (never before admission). */
export async function participantSession(
  token: string | undefined,
  visitId: string,
  deps: VisitDeps,
  failedMeetingId?: string,
): Promise<JoinInfo> {
  const { snapshot, visit, participant } = await participantFor(token, visitId, deps);
  if (visit.status === 'ended') throw gone('visit.ended', 'This visit has ended.');
  if (participant.state !== 'admitted')
    throw forbidden('participant.not_admitted', 'You are not in the visit yet: wait to be let in.');
  const live = liveMeeting(snapshot.meeting);
  const seat = seatOf(snapshot, participant.participantId);
  if (live && seat && live.meetingId !== failedMeetingId) return joinInfoOf(live, seat);
  return seatAndJoin(visit, snapshot, participant.participantId, deps, failedMeetingId);
}
