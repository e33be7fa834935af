import { applyCommand } from './apply';
import type { VisitDeps } from './deps';
import { react } from './reactions';
import type { Command } from './waiting-room';

/** The part of Chime's EventBridge "Chime Meeting State Change" events that presence needs. */
export interface MeetingEventDetail {
  eventType: string;
  meetingId?: string;
  externalMeetingId?: string;
  externalUserId?: string;
}

const joined = new Set(['chime:AttendeeJoined']);
const left = new Set(['chime:AttendeeLeft', 'chime:AttendeeDropped', 'chime:AttendeeDeleted']);

/**
 * Chime reports who actually connected to the media and who left, and when a meeting ended.
 * The visit records it as presence (the roster's "in the call") and the audit trail gets the
 * join or leave, once. ExternalMeetingId is the visit id and ExternalUserId the participant id.
 */
export async function onMeetingEvent(detail: MeetingEventDetail, deps: VisitDeps): Promise<void> {
  const visitId = detail.externalMeetingId;
  if (!visitId) return;
  const command = await commandFor(detail, visitId, deps);
  if (!command) return;
  const { visit, events } = await applyCommand(visitId, command, 'chime', deps);
  await react(visit, events, deps);
}

async function commandFor(
  detail: MeetingEventDetail,
  visitId: string,
  deps: VisitDeps,
): Promise<Command | undefined> {
  const visit = await deps.visits.get(visitId);
  if (!visit) return undefined;
  if (detail.eventType === 'chime:MeetingEnded') {
    // EventBridge keeps no order: an old generation's end may arrive after people joined the
    // meeting that replaced it. While the visit is open only the current meeting's end counts.
    const current = await deps.visits.meeting(visitId);
    const stale = visit.status === 'open' && current && current.meetingId !== detail.meetingId;
    return stale ? undefined : { type: 'meeting-ended' };
  }
  const inCall = joined.has(detail.eventType)
    ? true
    : left.has(detail.eventType)
      ? false
      : undefined;
  if (inCall === undefined || !detail.externalUserId) return undefined;
  return { type: 'presence', participantId: detail.externalUserId, inCall };
}
