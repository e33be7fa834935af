import { describe, expect, it } from 'vitest';
import { attendee, meetingRequest, storeOnClock } from './chime-test-store';

describe('Chime attendees', () => {
  it('returns the same attendee and JoinToken for the same ExternalUserId', () => {
    const { store } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());

    const first = store.createAttendee(meetingId, attendee('guest-1c9e'));
    const second = store.createAttendee(meetingId, attendee('guest-1c9e'));
    const other = store.createAttendee(meetingId, attendee('guest-77aa'));

    expect(second.attendeeId).toBe(first.attendeeId);
    expect(second.joinToken).toBe(first.joinToken);
    expect(other.attendeeId).not.toBe(first.attendeeId);
  });

  it('makes a new attendee for an ExternalUserId whose attendee was deleted', () => {
    const { store } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());
    const first = store.createAttendee(meetingId, attendee('guest-1c9e'));

    store.deleteAttendee(meetingId, first.attendeeId);
    const again = store.createAttendee(meetingId, attendee('guest-1c9e'));

    expect(again.attendeeId).not.toBe(first.attendeeId);
    expect(again.joinToken).not.toBe(first.joinToken);
    expect(store.findByJoinToken(first.joinToken)).toBeUndefined();
    expect(store.findByJoinToken(again.joinToken)?.attendee.attendeeId).toBe(again.attendeeId);
  });

  it('gives JoinTokens of at least 128 random bits and SendReceive capabilities by default', () => {
    const { store } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());

    const created = store.createAttendee(meetingId, attendee('guest-1c9e'));

    expect(Buffer.from(created.joinToken, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(created.capabilities).toEqual({
      Audio: 'SendReceive',
      Video: 'SendReceive',
      Content: 'SendReceive',
    });
  });

  it('refuses the 251st attendee with LimitExceededException but still returns existing ones', () => {
    const { store } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());
    for (let i = 0; i < 250; i++) store.createAttendee(meetingId, attendee(`user-${i}`));

    const existing = store.createAttendee(meetingId, attendee('user-7'));

    expect(existing.externalUserId).toBe('user-7');
    expect(() => store.createAttendee(meetingId, attendee('user-250'))).toThrowError(
      expect.objectContaining({ code: 'LimitExceededException', status: 400 }),
    );
  });

  it('honours MeetingFeatures.Attendee.MaxCount', () => {
    const { store } = storeOnClock();
    const { meetingId } = store.createMeeting(
      meetingRequest({ meetingFeatures: { Attendee: { MaxCount: 8 } } }),
    );

    const result = store.batchCreateAttendees(
      meetingId,
      Array.from({ length: 10 }, (_, i) => attendee(`user-${i}`)),
    );

    expect(result.attendees).toHaveLength(8);
    expect(result.errors.map((e) => e.ExternalUserId)).toEqual(['user-8', 'user-9']);
  });

  it('reports per-item errors in a batch and creates the rest', () => {
    const { store } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());
    for (let i = 0; i < 248; i++) store.createAttendee(meetingId, attendee(`user-${i}`));

    const result = store.batchCreateAttendees(meetingId, [
      attendee('new-1'),
      attendee('AWS:reserved'),
      attendee('new-2'),
      attendee('new-3'),
      attendee('user-3'),
    ]);

    expect(result.attendees.map((a) => a.externalUserId)).toEqual(['new-1', 'new-2', 'user-3']);
    expect(result.errors).toEqual([
      expect.objectContaining({ ExternalUserId: 'AWS:reserved', ErrorCode: 'BadRequest' }),
      expect.objectContaining({ ExternalUserId: 'new-3', ErrorCode: 'ResourceLimitExceeded' }),
    ]);
  });

  it('pages ListAttendees in creation order, unaffected by deletions', () => {
    const { store } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());
    const created = Array.from({ length: 5 }, (_, i) =>
      store.createAttendee(meetingId, attendee(`user-${i}`)),
    );

    const first = store.listAttendees(meetingId, 2, undefined);
    store.deleteAttendee(meetingId, created[1]?.attendeeId ?? '');
    const second = store.listAttendees(meetingId, 2, first.nextToken);
    const third = store.listAttendees(meetingId, 2, second.nextToken);

    const ids = (page: typeof first) => page.attendees.map((a) => a.externalUserId);
    expect(ids(first)).toEqual(['user-0', 'user-1']);
    expect(ids(second)).toEqual(['user-2', 'user-3']);
    expect(ids(third)).toEqual(['user-4']);
    expect(third.nextToken).toBeUndefined();
  });

  it('rejects a NextToken it did not issue', () => {
    const { store } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());

    expect(() => store.listAttendees(meetingId, 10, 'not-a-token')).toThrowError(
      expect.objectContaining({ code: 'BadRequestException' }),
    );
  });
});
