import type { Attendee, MediaPlacement, Meeting } from '@aws-sdk/client-chime-sdk-meetings';
import { meshSignalingUrl } from '../media/protocol';
import type { AttendeeRecord, MeetingRecord } from './meeting-store';

/** What the response shapes need besides the records. */
export interface WireContext {
  /** Control-plane Region, used in MeetingArn. */
  region: string;
  accountId: string;
  /** Base URL of the local media signalling, e.g. ws://127.0.0.1:3000/_media. */
  mediaUrl: string;
}

/**
 * Every MediaPlacement URL points under the local media URL, so nothing in local join info
 * reaches for AWS. Only SignalingUrl is used (by the mesh); the others exist because clients
 * and validators expect every field, and they stay plausible ws/http URLs.
 */
function mediaPlacement(meetingId: string, mediaUrl: string): MediaPlacement {
  const base = mediaUrl.replace(/\/+$/, '');
  const httpBase = base.replace(/^ws/, 'http');
  return {
    AudioHostUrl: `${base}/audio/${meetingId}`,
    AudioFallbackUrl: `${base}/audio-fallback/${meetingId}`,
    SignalingUrl: meshSignalingUrl(base, meetingId),
    TurnControlUrl: `${httpBase}/turn/${meetingId}`,
    ScreenDataUrl: `${base}/screen-data/${meetingId}`,
    ScreenViewingUrl: `${base}/screen-viewing/${meetingId}`,
    ScreenSharingUrl: `${base}/screen-sharing/${meetingId}`,
    EventIngestionUrl: `${httpBase}/events`,
  };
}

export function toMeeting(meeting: MeetingRecord, context: WireContext): Meeting {
  const { request } = meeting;
  return {
    MeetingId: meeting.meetingId,
    ...(request.meetingHostId === undefined ? {} : { MeetingHostId: request.meetingHostId }),
    ExternalMeetingId: request.externalMeetingId,
    MediaRegion: request.mediaRegion,
    MediaPlacement: mediaPlacement(meeting.meetingId, context.mediaUrl),
    ...(request.meetingFeatures === undefined ? {} : { MeetingFeatures: request.meetingFeatures }),
    ...(request.primaryMeetingId === undefined
      ? {}
      : { PrimaryMeetingId: request.primaryMeetingId }),
    ...(request.tenantIds === undefined ? {} : { TenantIds: request.tenantIds }),
    MeetingArn: `arn:aws:chime:${context.region}:${context.accountId}:meeting/${meeting.meetingId}`,
  };
}

export function toAttendee(attendee: AttendeeRecord): Attendee {
  return {
    ExternalUserId: attendee.externalUserId,
    AttendeeId: attendee.attendeeId,
    JoinToken: attendee.joinToken,
    Capabilities: { ...attendee.capabilities },
  };
}
