import { describe, expect, it } from 'vitest';
import { attendee, meetingRequest, minutes, storeOnClock } from './chime-test-store';

/** The "Chime Meeting State Change" events the stand-in sends, as Chime sends them to EventBridge. */
describe('Chime meeting events', () => {
  function meetingWithTwo() {
    const clock = storeOnClock();
    const { meetingId } = clock.store.createMeeting(
      meetingRequest({ externalMeetingId: 'visit-1' }),
    );
    const a = clock.store.createAttendee(meetingId, attendee('user-a'));
    const b = clock.store.createAttendee(meetingId, attendee('user-b'));
    return { ...clock, meetingId, a, b };
  }
  const brief = (c: { eventType: string; externalUserId?: string }) =>
    c.externalUserId ? `${c.eventType} ${c.externalUserId}` : c.eventType;

  it('joins and leaves, with the meeting and the person as the app named them', () => {
    const { store, changes, meetingId, a } = meetingWithTwo();
    store.connect(meetingId, a.attendeeId);
    store.disconnect(meetingId, a.attendeeId);
    expect(changes).toEqual([
      {
        eventType: 'chime:AttendeeJoined',
        meetingId,
        externalMeetingId: 'visit-1',
        attendeeId: a.attendeeId,
        externalUserId: 'user-a',
      },
      expect.objectContaining({ eventType: 'chime:AttendeeLeft', externalUserId: 'user-a' }),
    ]);
  });

  it('DeleteMeeting: whoever is connected leaves, then the meeting ends', () => {
    const { store, changes, meetingId, a, b } = meetingWithTwo();
    store.connect(meetingId, a.attendeeId);
    store.connect(meetingId, b.attendeeId);
    store.disconnect(meetingId, b.attendeeId);
    changes.length = 0;

    store.deleteMeeting(meetingId);

    expect(changes.map(brief)).toEqual(['chime:AttendeeLeft user-a', 'chime:MeetingEnded']);
    expect(changes.at(-1)).toEqual({
      eventType: 'chime:MeetingEnded',
      meetingId,
      externalMeetingId: 'visit-1',
    });
  });

  it('the end after 24 hours cuts the connected the same way; the idle end has nobody to cut', () => {
    const long = meetingWithTwo();
    long.store.connect(long.meetingId, long.a.attendeeId);
    long.advance(minutes(24 * 60));
    long.store.sweep();
    expect(long.changes.map(brief)).toEqual([
      'chime:AttendeeJoined user-a',
      'chime:AttendeeLeft user-a',
      'chime:MeetingEnded',
    ]);

    const idle = meetingWithTwo();
    idle.advance(minutes(5));
    idle.store.sweep();
    expect(idle.changes.map(brief)).toEqual(['chime:MeetingEnded']);
  });

  it('a connection closing after the end reports nothing more', () => {
    const { store, changes, meetingId, a } = meetingWithTwo();
    store.connect(meetingId, a.attendeeId);
    store.deleteMeeting(meetingId);
    const before = changes.length;
    store.disconnect(meetingId, a.attendeeId);
    expect(changes).toHaveLength(before);
  });
});
