/** The parts of the Chime SDK meetings client the functions use: loaded on first use. */
export {
  BatchCreateAttendeeCommand,
  ChimeSDKMeetingsClient,
  CreateMeetingWithAttendeesCommand,
  DeleteAttendeeCommand,
  DeleteMeetingCommand,
  GetMeetingCommand,
  NotFoundException,
} from '@aws-sdk/client-chime-sdk-meetings';
