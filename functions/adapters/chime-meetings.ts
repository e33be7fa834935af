import {
  BatchCreateAttendeeCommand,
  CreateMeetingCommand,
  DeleteAttendeeCommand,
  DeleteMeetingCommand,
  GetMeetingCommand,
  NotFoundException,
} from '@aws-sdk/client-chime-sdk-meetings';
import { chime } from '../platform/aws/chime';
import { env, optionalEnv } from '../platform/env';
import type { Meetings } from '../visits/ports';

const ignoreGone = (error: unknown) => {
  if (!(error instanceof NotFoundException)) throw error;
};

/**
 * The Chime SDK meetings control plane. ExternalMeetingId is the visit id and ExternalUserId
 * the participant id: both opaque, never a name or a number.
 */
export const chimeMeetings: Meetings = {
  async create(clientRequestToken, externalMeetingId, maxAttendees) {
    const result = await chime().send(
      new CreateMeetingCommand({
        ClientRequestToken: clientRequestToken,
        ExternalMeetingId: externalMeetingId,
        MediaRegion: optionalEnv('MEDIA_REGION') ?? env.region(),
        MeetingFeatures: { Attendee: { MaxCount: maxAttendees } },
      }),
    );
    const meeting = result.Meeting;
    if (!meeting?.MeetingId) throw new Error('Chime returned no meeting');
    return { meetingId: meeting.MeetingId, meeting: meeting as Record<string, unknown> };
  },
  async addAttendees(meetingId, externalUserIds) {
    try {
      const result = await chime().send(
        new BatchCreateAttendeeCommand({
          MeetingId: meetingId,
          Attendees: externalUserIds.map((ExternalUserId) => ({ ExternalUserId })),
        }),
      );
      if (result.Errors && result.Errors.length > 0) {
        throw new Error(
          `Chime refused ${result.Errors.length} attendee(s): ${result.Errors.map((e) => e.ErrorCode).join(', ')}`,
        );
      }
      return (result.Attendees ?? []).map((attendee) => ({
        externalUserId: attendee.ExternalUserId ?? '',
        attendeeId: attendee.AttendeeId ?? '',
        attendee: attendee as Record<string, unknown>,
      }));
    } catch (error) {
      if (error instanceof NotFoundException) return 'gone';
      throw error;
    }
  },
  async exists(meetingId) {
    try {
      await chime().send(new GetMeetingCommand({ MeetingId: meetingId }));
      return true;
    } catch (error) {
      if (error instanceof NotFoundException) return false;
      throw error;
    }
  },
  async removeAttendee(meetingId, attendeeId) {
    await chime()
      .send(new DeleteAttendeeCommand({ MeetingId: meetingId, AttendeeId: attendeeId }))
      .catch(ignoreGone);
  },
  async end(meetingId) {
    await chime()
      .send(new DeleteMeetingCommand({ MeetingId: meetingId }))
      .catch(ignoreGone);
  },
};
