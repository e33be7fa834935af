import { applyCommand } from './apply';
import type { VisitDeps } from './deps';
import { react } from './reactions';

/** The part of Chime's EventBridge "Chime Meeting State Change" events that presence needs. */
export interface MeetingEventDetail {
  eventType: string;
  externalMeetingId?: string;
  externalUserId?: string;
}

const joined = new Set(['chime:AttendeeJoined']);
const left = new Set(['chime:AttendeeLeft', 'chime:AttendeeDropped', 'chime:AttendeeDeleted']);

/**
 * Chime reports who actually connected to the media and who left. The visit records it as
 * presence (the roster's "in the call") and the audit trail gets the join or leave, once.
 * ExternalMeetingId is the visit id and ExternalUserId the participant id.
 */
export async function onMeetingEvent(detail: MeetingEventDetail, deps: VisitDeps): Promise<void> {
  const inCall = joined.has(detail.eventType)
    ? true
    : left.has(detail.eventType)
      ? false
      : undefined;
  if (inCall === undefined || !detail.externalMeetingId || !detail.externalUserId) return;
  if (!(await deps.visits.get(detail.externalMeetingId))) return;
  const { visit, events } = await applyCommand(
    detail.externalMeetingId,
    { type: 'presence', participantId: detail.externalUserId, inCall },
    'chime',
    deps,
  );
  await react(visit, events, deps);
}
