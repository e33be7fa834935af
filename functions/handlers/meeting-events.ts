import type { EventBridgeEvent } from 'aws-lambda';
import { dynamoVisitStore } from '../adapters/dynamodb/visit-store';
import { clock } from '../platform/clock';
import { logger } from '../platform/logger';
import { type MeetingEventDetail, onMeetingEvent } from '../visits/meeting-events';

/**
 * Lambda entry for Chime SDK meeting events from EventBridge (source `aws.chime`, detail type
 * "Chime Meeting State Change"): attendee joins and leaves become presence and audit entries.
 */
export async function handler(
  event: EventBridgeEvent<'Chime Meeting State Change', MeetingEventDetail>,
): Promise<void> {
  logger.debug('meeting event', { eventType: event.detail.eventType });
  await onMeetingEvent(event.detail, { visits: dynamoVisitStore, now: clock.now });
}
