import { applyCommand } from './apply';
import type { VisitDeps } from './deps';
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
 * join or leave, once. A meeting's end also marks the stored meeting ended, so the next join
 * makes a new one instead of handing out join information that admits no one. ExternalMeetingId
 * is the visit id and ExternalUserId the participant id.
 */
export async function onMeetingEvent(
  detail: MeetingEventDetail,
  deps: Pick<VisitDeps, 'visits' | 'now'>,
): Promise<void> {
  const visitId = detail.externalMeetingId;
  if (!visitId) return;
  const visit = await deps.visits.get(visitId);
  if (!visit) return;
  if (detail.eventType === 'chime:MeetingEnded') {
    // EventBridge keeps no order: an old generation's end may arrive after people joined the
    // meeting that replaced it. While the visit is open only the current meeting's end counts.
    const current = await deps.visits.meeting(visitId);
    const stale = visit.status === 'open' && current && current.meetingId !== detail.meetingId;
    if (stale || !detail.meetingId) return;
    const meetingId = detail.meetingId;
    const at = deps.now().toISOString();
    const mark = current?.meetingId === meetingId && !current.endedAt;
    const { events } = await applyCommand(visitId, { type: 'meeting-ended' }, 'chime', deps, {
      extras: async () => (mark ? { meetingEnded: { meetingId, at } } : {}),
    });
    if (events.length === 0 && mark) await deps.visits.markMeetingEnded(visitId, meetingId, at);
    return;
  }
  const command = presenceOf(detail);
  if (command) await applyCommand(visitId, command, 'chime', deps);
}

function presenceOf(detail: MeetingEventDetail): Command | undefined {
  const inCall = joined.has(detail.eventType)
    ? true
    : left.has(detail.eventType)
      ? false
      : undefined;
  if (inCall === undefined || !detail.externalUserId) return undefined;
  return { type: 'presence', participantId: detail.externalUserId, inCall };
}
