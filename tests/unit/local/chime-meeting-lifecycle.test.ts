import { describe, expect, it } from 'vitest';
import { ChimeServiceError } from '../../../functions/local/chime/errors';
import { attendee, meetingRequest, minutes, storeOnClock } from './chime-test-store';

function expectNotFound(call: () => unknown) {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ChimeServiceError);
    expect((error as ChimeServiceError).code).toBe('NotFoundException');
    expect((error as ChimeServiceError).status).toBe(404);
    return;
  }
  throw new Error('expected NotFoundException');
}

describe('Chime meeting lifecycle', () => {
  it('ends a meeting nobody joined 5 minutes after it was created', () => {
    const { store, ended, advance } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());

    advance(minutes(5) - 1);
    const stillThere = store.getMeeting(meetingId).meetingId;
    advance(1);

    expect(stillThere).toBe(meetingId);
    expectNotFound(() => store.getMeeting(meetingId));
    expect(ended).toEqual([meetingId]);
  });

  it('ends a meeting 5 minutes after its last attendee left, not before', () => {
    const { store, ended, advance } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());
    const a = store.createAttendee(meetingId, attendee('user-a'));
    const b = store.createAttendee(meetingId, attendee('user-b'));
    store.connect(meetingId, a.attendeeId);
    store.connect(meetingId, b.attendeeId);

    advance(minutes(30));
    store.disconnect(meetingId, a.attendeeId);
    advance(minutes(10));
    store.disconnect(meetingId, b.attendeeId);
    advance(minutes(4));
    store.sweep();
    const endedBefore = [...ended];
    advance(minutes(1));
    store.sweep();

    expect(endedBefore).toEqual([]);
    expect(ended).toEqual([meetingId]);
  });

  it('stays up for as long as someone is connected', () => {
    const { store, advance } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());
    const a = store.createAttendee(meetingId, attendee('user-a'));
    store.connect(meetingId, a.attendeeId);

    advance(minutes(23 * 60));

    expect(store.getMeeting(meetingId).meetingId).toBe(meetingId);
  });

  it('ends after 24 hours even with attendees connected', () => {
    const { store, ended, advance } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());
    const a = store.createAttendee(meetingId, attendee('user-a'));
    store.connect(meetingId, a.attendeeId);

    advance(minutes(24 * 60));

    expectNotFound(() => store.getMeeting(meetingId));
    expect(ended).toEqual([meetingId]);
  });

  it('counts DeleteAttendee as that attendee leaving', () => {
    const { store, deleted, advance } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());
    const a = store.createAttendee(meetingId, attendee('user-a'));
    store.connect(meetingId, a.attendeeId);
    advance(minutes(20));

    store.deleteAttendee(meetingId, a.attendeeId);
    advance(minutes(5));

    expect(deleted).toEqual([[meetingId, a.attendeeId]]);
    expectNotFound(() => store.getMeeting(meetingId));
  });

  it('keeps the meeting while a second connection of the same attendee is open', () => {
    const { store, advance } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());
    const a = store.createAttendee(meetingId, attendee('user-a'));
    store.connect(meetingId, a.attendeeId);
    store.connect(meetingId, a.attendeeId);

    store.disconnect(meetingId, a.attendeeId);
    advance(minutes(10));

    expect(store.getMeeting(meetingId).meetingId).toBe(meetingId);
  });

  it('restarts the idle timer when someone connects again', () => {
    const { store, advance } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());
    const a = store.createAttendee(meetingId, attendee('user-a'));

    advance(minutes(4));
    store.connect(meetingId, a.attendeeId);
    store.disconnect(meetingId, a.attendeeId);
    advance(minutes(4));

    expect(store.getMeeting(meetingId).meetingId).toBe(meetingId);
  });

  it('answers NotFound for everything about a deleted meeting, and revokes its JoinTokens', () => {
    const { store, ended } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());
    const a = store.createAttendee(meetingId, attendee('user-a'));

    store.deleteMeeting(meetingId);

    expect(ended).toEqual([meetingId]);
    expectNotFound(() => store.getMeeting(meetingId));
    expectNotFound(() => store.deleteMeeting(meetingId));
    expectNotFound(() => store.getAttendee(meetingId, a.attendeeId));
    expectNotFound(() => store.createAttendee(meetingId, attendee('user-b')));
    expect(store.findByJoinToken(a.joinToken)).toBeUndefined();
    expect(store.connect(meetingId, a.attendeeId)).toBe(false);
  });

  it('fires meetingEnded once, from a sweep, without any request', () => {
    const { store, ended, advance } = storeOnClock();
    const { meetingId } = store.createMeeting(meetingRequest());

    advance(minutes(6));
    store.sweep();
    store.sweep();

    expect(ended).toEqual([meetingId]);
  });

  it('returns the same meeting for the same ClientRequestToken while it lives, a new one after', () => {
    const { store, advance } = storeOnClock();
    const request = meetingRequest({ clientRequestToken: 'visit-token-1' });
    const first = store.createMeeting(request);

    const again = store.createMeeting(request);
    advance(minutes(5));
    const afterEnd = store.createMeeting(request);

    expect(again.meetingId).toBe(first.meetingId);
    expect(afterEnd.meetingId).not.toBe(first.meetingId);
  });

  it('refuses the 251st active meeting with LimitExceededException', () => {
    const { store } = storeOnClock();
    for (let i = 0; i < 250; i++) store.createMeeting(meetingRequest());

    expect(() => store.createMeeting(meetingRequest())).toThrowError(
      expect.objectContaining({ code: 'LimitExceededException' }),
    );
  });
});
