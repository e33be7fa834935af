import { describe, expect, it } from 'vitest';
import { ChimeServiceError } from '../../../functions/local/chime/errors';
import {
  checkMeetingId,
  parseAttendeeList,
  parseAttendeeRequest,
  parseJsonBody,
  parseListQuery,
  parseMeetingRequest,
} from '../../../functions/local/chime/validation';

/** The BadRequestException message a call fails with. */
function badRequestMessage(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (error instanceof ChimeServiceError && error.code === 'BadRequestException') {
      expect(error.status).toBe(400);
      return error.message;
    }
    throw error;
  }
  throw new Error('expected BadRequestException');
}

const meeting = (overrides: Record<string, unknown> = {}) => ({
  MediaRegion: 'us-east-1',
  ExternalMeetingId: 'visit-7f3a9c',
  ...overrides,
});
const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ ExternalUserId: `user-${String(i).padStart(2, '0')}` }));

describe('Chime request validation', () => {
  it('accepts a well-formed CreateMeeting', () => {
    const request = parseMeetingRequest(meeting({ ClientRequestToken: 'abc-123' }));

    expect(request).toMatchObject({
      mediaRegion: 'us-east-1',
      externalMeetingId: 'visit-7f3a9c',
      clientRequestToken: 'abc-123',
    });
  });

  it.each([
    ['MediaRegion is missing', meeting({ MediaRegion: undefined }), /MediaRegion is required/],
    ['MediaRegion is unknown', meeting({ MediaRegion: 'mars-1' }), /MediaRegion/],
    [
      'ExternalMeetingId is missing',
      meeting({ ExternalMeetingId: undefined }),
      /ExternalMeetingId/,
    ],
    ['ExternalMeetingId is 1 character', meeting({ ExternalMeetingId: 'x' }), /between 2 and 64/],
    [
      'ExternalMeetingId is 65 characters',
      meeting({ ExternalMeetingId: 'x'.repeat(65) }),
      /2 and 64/,
    ],
    ['ExternalMeetingId uses aws:', meeting({ ExternalMeetingId: 'aws:visit' }), /reserved prefix/],
    ['ExternalMeetingId uses AWS:', meeting({ ExternalMeetingId: 'AWS:visit' }), /reserved prefix/],
    [
      'ExternalMeetingId has a character outside the pattern',
      meeting({ ExternalMeetingId: 'a<b>' }),
      /not allowed/,
    ],
    ['ClientRequestToken has a space', meeting({ ClientRequestToken: 'a b' }), /not allowed/],
    ['MaxCount is 251', meeting({ MeetingFeatures: { Attendee: { MaxCount: 251 } } }), /MaxCount/],
  ])('rejects CreateMeeting when %s', (_, body, message) => {
    expect(badRequestMessage(() => parseMeetingRequest(body))).toMatch(message);
  });

  it.each([
    ['ExternalUserId is missing', {}, /ExternalUserId is required/],
    ['ExternalUserId is 1 character', { ExternalUserId: 'x' }, /between 2 and 64/],
    ['ExternalUserId is 65 characters', { ExternalUserId: 'x'.repeat(65) }, /between 2 and 64/],
    ['ExternalUserId is a number', { ExternalUserId: 12345 }, /must be a string/],
    [
      'a capability is not one of the four values',
      { ExternalUserId: 'user-1', Capabilities: { Audio: 'Loud', Video: 'None', Content: 'None' } },
      /Audio must be one of/,
    ],
    [
      'content is received without video',
      {
        ExternalUserId: 'user-1',
        Capabilities: { Audio: 'SendReceive', Video: 'None', Content: 'Receive' },
      },
      /Content can be SendReceive or Receive only when/,
    ],
  ])('rejects an attendee when %s', (_, body, message) => {
    expect(badRequestMessage(() => parseAttendeeRequest(body, 'CreateAttendee'))).toMatch(message);
  });

  it('leaves the aws: prefix of an ExternalUserId to the per-attendee rules', () => {
    expect(
      parseAttendeeRequest({ ExternalUserId: 'aws:x1' }, 'CreateAttendee').externalUserId,
    ).toBe('aws:x1');
  });

  it('takes 1 to 100 attendees in a batch and 1 to 10 with a new meeting', () => {
    expect(parseAttendeeList({ Attendees: items(100) }, 100)).toHaveLength(100);
    expect(badRequestMessage(() => parseAttendeeList({ Attendees: items(101) }, 100))).toMatch(
      /between 1 and 100/,
    );
    expect(badRequestMessage(() => parseAttendeeList({ Attendees: items(11) }, 10))).toMatch(
      /between 1 and 10/,
    );
    expect(badRequestMessage(() => parseAttendeeList({ Attendees: [] }, 10))).toMatch(/between 1/);
    expect(badRequestMessage(() => parseAttendeeList({}, 10))).toMatch(/Attendees is required/);
  });

  it('checks MaxResults of ListAttendees', () => {
    expect(parseListQuery(new URLSearchParams('max-results=5&next-token=t'))).toEqual({
      maxResults: 5,
      nextToken: 't',
    });
    expect(badRequestMessage(() => parseListQuery(new URLSearchParams('max-results=0')))).toMatch(
      /MaxResults/,
    );
    expect(badRequestMessage(() => parseListQuery(new URLSearchParams('max-results=101')))).toMatch(
      /MaxResults/,
    );
  });

  it('rejects ids that are not GUIDs and bodies that are not JSON objects', () => {
    expect(badRequestMessage(() => checkMeetingId('not-a-guid'))).toMatch(/GUID/);
    expect(badRequestMessage(() => parseJsonBody('{'))).toMatch(/not valid JSON/);
    expect(badRequestMessage(() => parseJsonBody('[1]'))).toMatch(/JSON object/);
    expect(parseJsonBody('')).toEqual({});
  });
});
