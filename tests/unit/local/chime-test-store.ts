import {
  type MeetingStateChange,
  MeetingStore,
} from '../../../functions/local/chime/meeting-store';
import type { AttendeeRequest, MeetingRequest } from '../../../functions/local/chime/validation';

/** A store on a hand-moved clock that records the events it fires. */
export function storeOnClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
  let now = start;
  const ended: string[] = [];
  const deleted: Array<[string, string]> = [];
  const changes: MeetingStateChange[] = [];
  const store = new MeetingStore({
    now: () => now,
    events: {
      meetingEnded: (meetingId) => ended.push(meetingId),
      attendeeDeleted: (meetingId, attendeeId) => deleted.push([meetingId, attendeeId]),
      stateChange: (change) => changes.push(change),
    },
  });
  return {
    store,
    ended,
    deleted,
    /** What EventBridge would carry, in order. */
    changes,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export function meetingRequest(overrides: Partial<MeetingRequest> = {}): MeetingRequest {
  return {
    clientRequestToken: undefined,
    mediaRegion: 'us-east-1',
    externalMeetingId: 'visit-7f3a9c',
    meetingHostId: undefined,
    meetingFeatures: undefined,
    primaryMeetingId: undefined,
    tenantIds: undefined,
    ...overrides,
  };
}

export const attendee = (externalUserId: string): AttendeeRequest => ({
  externalUserId,
  capabilities: undefined,
});

export const minutes = (n: number) => n * 60_000;
