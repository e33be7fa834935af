import { chime } from '../platform/aws/chime';
import { clock } from '../platform/clock';
import { env, optionalEnv } from '../platform/env';
import type { CreatedAttendee, Meetings, MeetingsTurn } from '../visits/ports';
import { chimeRule, dynamoPacer } from './dynamodb/pacer';

/** Every call to Chime's control plane takes its turn here first (see pacer.ts). */
const pacer = dynamoPacer('chime-meetings', chimeRule, clock.nowMs);
type Chime = Awaited<ReturnType<typeof chime>>;

/** Runs one call to Chime in its turn (taken now, or reserved earlier with `reserve`). */
async function paced<T>(call: (chime: Chime) => Promise<T>, turn?: MeetingsTurn): Promise<T> {
  const [loaded] = await Promise.all([
    chime(),
    turn ? turn.then((slot) => pacer.until(slot as number)) : pacer.pace(),
  ]);
  return call(loaded);
}

/** Chime's own "no such meeting or attendee". */
const notFound = (error: unknown) => error instanceof Error && error.name === 'NotFoundException';

const ignoreGone = (error: unknown) => {
  if (!notFound(error)) throw error;
};

/** Chime's limit on the attendees CreateMeetingWithAttendees makes at once. */
export const attendeesWithMeeting = 10;

function created(
  attendees: { ExternalUserId?: string; AttendeeId?: string }[] | undefined,
  errors: { ErrorCode?: string }[] | undefined,
) {
  if (errors && errors.length > 0) {
    throw new Error(
      `Chime refused ${errors.length} attendee(s): ${errors.map((e) => e.ErrorCode).join(', ')}`,
    );
  }
  return (attendees ?? []).map(
    (attendee): CreatedAttendee => ({
      externalUserId: attendee.ExternalUserId ?? '',
      attendeeId: attendee.AttendeeId ?? '',
      attendee: attendee as Record<string, unknown>,
    }),
  );
}

/**
 * The Chime SDK meetings control plane. ExternalMeetingId is the visit id and ExternalUserId
 * the participant id: both opaque, never a name or a number.
 */
export const chimeMeetings: Meetings = {
  reserve() {
    const turn = pacer.take();
    turn.catch(() => undefined); // an unused turn's refusal is nobody's error
    return turn;
  },
  async create({ clientRequestToken, externalMeetingId, maxAttendees, externalUserIds, turn }) {
    const first = externalUserIds.slice(0, attendeesWithMeeting);
    const result = await paced(
      ({ client, sdk }) =>
        client.send(
          new sdk.CreateMeetingWithAttendeesCommand({
            ClientRequestToken: clientRequestToken,
            ExternalMeetingId: externalMeetingId,
            MediaRegion: optionalEnv('MEDIA_REGION') ?? env.region(),
            MeetingFeatures: { Attendee: { MaxCount: maxAttendees } },
            Attendees: first.map((ExternalUserId) => ({ ExternalUserId })),
          }),
        ),
      turn,
    );
    const meeting = result.Meeting;
    if (!meeting?.MeetingId) throw new Error('Chime returned no meeting');
    const attendees = created(result.Attendees, result.Errors);
    const rest = externalUserIds.slice(attendeesWithMeeting);
    if (rest.length > 0) {
      const more = await this.addAttendees(meeting.MeetingId, rest);
      if (more !== 'gone') attendees.push(...more);
    }
    return { meetingId: meeting.MeetingId, meeting: meeting as Record<string, unknown>, attendees };
  },
  async addAttendees(meetingId, externalUserIds) {
    try {
      const result = await paced(({ client, sdk }) =>
        client.send(
          new sdk.BatchCreateAttendeeCommand({
            MeetingId: meetingId,
            Attendees: externalUserIds.map((ExternalUserId) => ({ ExternalUserId })),
          }),
        ),
      );
      return created(result.Attendees, result.Errors);
    } catch (error) {
      if (notFound(error)) return 'gone';
      throw error;
    }
  },
  async exists(meetingId) {
    try {
      await paced(({ client, sdk }) =>
        client.send(new sdk.GetMeetingCommand({ MeetingId: meetingId })),
      );
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  },
  async removeAttendee(meetingId, attendeeId) {
    await paced(({ client, sdk }) =>
      client.send(new sdk.DeleteAttendeeCommand({ MeetingId: meetingId, AttendeeId: attendeeId })),
    ).catch(ignoreGone);
  },
  async end(meetingId) {
    await paced(({ client, sdk }) =>
      client.send(new sdk.DeleteMeetingCommand({ MeetingId: meetingId })),
    ).catch(ignoreGone);
  },
};
