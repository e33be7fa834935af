import { randomUUID } from 'node:crypto';
import type { MeetingStateChange } from '../chime/meeting-store';
import { invoke, lambdaContext, meetingEventsHandler } from './lambdas';

/**
 * EventBridge on one machine, for Chime's meeting events only: each change becomes the event
 * AWS would deliver (source `aws.chime`, detail type "Chime Meeting State Change") and invokes
 * the meeting-events handler, one after another, as its rule's target.
 */
export function createMeetingEventBus(region: string) {
  let queue = Promise.resolve();
  return function publish(change: MeetingStateChange): void {
    const now = new Date();
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Chime Meeting State Change',
      source: 'aws.chime',
      account: '123456789012',
      time: now.toISOString(),
      region,
      resources: [],
      detail: { version: '0', timestamp: now.getTime(), mediaRegion: region, ...change },
    };
    queue = queue
      .then(async () => {
        const { handler } = await meetingEventsHandler();
        await invoke(
          () => handler(event, lambdaContext('meeting-events', event.id, 30_000)),
          30_000,
        );
      })
      .catch((error: unknown) => console.error('[gateway] meeting event failed:', error));
  };
}
