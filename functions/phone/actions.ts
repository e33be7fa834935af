import * as z from 'zod/mini';

/**
 * The actions Televisit answers a SIP media application with, and the response around them.
 * The schemas are the documented shapes (the developer guide's pages per action); tests check
 * every response against them, and the local phone network refuses what they refuse.
 */
export const maxActions = 10;

const CallId = z.string().check(z.minLength(1));
const Speech = z.strictObject({
  Text: z.string().check(z.minLength(1), z.maxLength(1000)),
  Engine: z.optional(z.enum(['standard', 'neural'])),
  LanguageCode: z.optional(z.string()),
  TextType: z.optional(z.enum(['text', 'ssml'])),
  VoiceId: z.optional(z.string()),
});

export const ActionSchema = z.discriminatedUnion('Type', [
  z.strictObject({
    Type: z.literal('Speak'),
    Parameters: z.strictObject({ CallId, ...Speech.shape }),
  }),
  z.strictObject({
    Type: z.literal('SpeakAndGetDigits'),
    Parameters: z.strictObject({
      CallId,
      SpeechParameters: Speech,
      FailureSpeechParameters: z.optional(Speech),
      InputDigitsRegex: z.optional(z.string()),
      MinNumberOfDigits: z.optional(z.number()),
      MaxNumberOfDigits: z.optional(z.number()),
      TerminatorDigits: z.optional(z.array(z.string())),
      InBetweenDigitsDurationInMilliseconds: z.optional(z.number()),
      Repeat: z.optional(z.number()),
      RepeatDurationInMilliseconds: z.number(),
    }),
  }),
  z.strictObject({
    Type: z.literal('Pause'),
    Parameters: z.strictObject({
      CallId: z.optional(CallId),
      ParticipantTag: z.optional(z.enum(['LEG-A', 'LEG-B'])),
      DurationInMilliseconds: z.union([z.string(), z.number()]),
    }),
  }),
  z.strictObject({
    Type: z.literal('Hangup'),
    Parameters: z.strictObject({
      CallId: z.optional(CallId),
      ParticipantTag: z.optional(z.enum(['LEG-A', 'LEG-B'])),
      SipResponseCode: z.enum(['0', '480', '486']),
    }),
  }),
  z.strictObject({
    Type: z.literal('JoinChimeMeeting'),
    Parameters: z.strictObject({
      CallId,
      JoinToken: z.string().check(z.minLength(1)),
      MeetingId: z.string().check(z.minLength(1)),
      ParticipantTag: z.optional(z.enum(['LEG-A'])),
    }),
  }),
  z.strictObject({
    Type: z.literal('ModifyChimeMeetingAttendees'),
    Parameters: z.strictObject({
      Operation: z.enum(['Mute', 'Unmute']),
      MeetingId: z.string().check(z.minLength(1)),
      CallId: z.optional(CallId),
      ParticipantTag: z.optional(z.enum(['LEG-B'])),
      AttendeeList: z.array(z.string()).check(z.minLength(1), z.maxLength(100)),
    }),
  }),
]);
export type Action = z.infer<typeof ActionSchema>;

export const ResponseSchema = z.strictObject({
  SchemaVersion: z.literal('1.0'),
  Actions: z.array(ActionSchema).check(z.maxLength(maxActions)),
  // A handful of small keys: an older limit was 10 pairs, the current one 100 pairs / 20 KB.
  TransactionAttributes: z.optional(
    z
      .record(z.string(), z.string().check(z.maxLength(200)))
      .check(z.refine((m) => Object.keys(m).length <= 10, 'At most 10 attributes')),
  ),
});
export type SmaResponse = z.infer<typeof ResponseSchema>;

const voice = { Engine: 'neural', LanguageCode: 'en-US', VoiceId: 'Joanna' } as const;

export const speak = (callId: string, text: string): Action => ({
  Type: 'Speak',
  Parameters: { CallId: callId, Text: text, ...voice },
});

/** Asks for digits: `digits` exactly, ended early by #; one attempt per action. */
export const askDigits = (
  callId: string,
  prompt: string,
  digits: { min: number; max: number; regex: string; waitMs: number },
): Action => ({
  Type: 'SpeakAndGetDigits',
  Parameters: {
    CallId: callId,
    SpeechParameters: { Text: prompt, ...voice },
    InputDigitsRegex: digits.regex,
    MinNumberOfDigits: digits.min,
    MaxNumberOfDigits: digits.max,
    TerminatorDigits: ['#'],
    InBetweenDigitsDurationInMilliseconds: 5000,
    Repeat: 1,
    RepeatDurationInMilliseconds: digits.waitMs,
  },
});

/** Holds the line, silently; interruptible, so an update cuts it short. */
export const pause = (callId: string, ms: number): Action => ({
  Type: 'Pause',
  Parameters: { CallId: callId, DurationInMilliseconds: String(ms) },
});

export const hangup = (callId: string): Action => ({
  Type: 'Hangup',
  Parameters: { CallId: callId, SipResponseCode: '0' },
});

/** Leaves the meeting but keeps the caller on the line (hanging up the meeting leg). */
export const leaveMeeting = (): Action => ({
  Type: 'Hangup',
  Parameters: { ParticipantTag: 'LEG-B', SipResponseCode: '0' },
});

export const joinMeeting = (callId: string, meetingId: string, joinToken: string): Action => ({
  Type: 'JoinChimeMeeting',
  Parameters: { CallId: callId, MeetingId: meetingId, JoinToken: joinToken },
});

export const muteAttendee = (meetingId: string, attendeeId: string, mute: boolean): Action => ({
  Type: 'ModifyChimeMeetingAttendees',
  Parameters: {
    Operation: mute ? 'Mute' : 'Unmute',
    MeetingId: meetingId,
    ParticipantTag: 'LEG-B',
    AttendeeList: [attendeeId],
  },
});

export function respond(actions: Action[], attributes?: Record<string, string>): SmaResponse {
  if (actions.length > maxActions) throw new Error(`At most ${maxActions} actions per response`);
  return {
    SchemaVersion: '1.0',
    Actions: actions,
    ...(attributes ? { TransactionAttributes: attributes } : {}),
  };
}
