import { describe, expect, it } from 'vitest';
import { route } from '../../../functions/local/chime/router';
import { storeOnClock } from './chime-test-store';

const wire = {
  region: 'us-east-1',
  accountId: '123456789012',
  mediaUrl: 'ws://127.0.0.1:3000/_media',
};
const unknownId = '00000000-0000-4000-8000-000000000000';

describe('Chime routes', () => {
  it('creates a meeting whose MediaPlacement points at the local signalling', () => {
    const { store } = storeOnClock();

    const result = route(
      'POST',
      '/meetings',
      { MediaRegion: 'us-east-1', ExternalMeetingId: 'visit-7f3a9c' },
      store,
      wire,
    );

    const meeting = (result.body as { Meeting: Record<string, unknown> }).Meeting;
    const placement = meeting.MediaPlacement as Record<string, string>;
    expect(result.status).toBe(200);
    expect(meeting.MeetingArn).toBe(
      `arn:aws:chime:us-east-1:123456789012:meeting/${meeting.MeetingId}`,
    );
    expect(placement.SignalingUrl).toBe(
      `ws://127.0.0.1:3000/_media?meeting=${meeting.MeetingId}&transport=televisit-mesh`,
    );
    for (const url of Object.values(placement))
      expect(url).toMatch(/^(ws|http):\/\/127\.0\.0\.1:3000\/_media/);
  });

  it('tells the operations that share a path apart by their operation query', () => {
    const { store } = storeOnClock();
    const created = route(
      'POST',
      '/meetings?operation=create-attendees',
      {
        MediaRegion: 'us-east-1',
        ExternalMeetingId: 'visit-7f3a9c',
        Attendees: [{ ExternalUserId: 'u-1' }],
      },
      store,
      wire,
    ).body as { Meeting: { MeetingId: string }; Attendees: unknown[]; Errors: unknown[] };
    const id = created.Meeting.MeetingId;

    const batch = route(
      'POST',
      `/meetings/${id}/attendees?operation=batch-create`,
      { Attendees: [{ ExternalUserId: 'u-2' }, { ExternalUserId: 'u-3' }] },
      store,
      wire,
    ).body as { Attendees: unknown[] };
    const list = route('GET', `/meetings/${id}/attendees?max-results=2`, {}, store, wire).body as {
      Attendees: unknown[];
      NextToken?: string;
    };

    expect(created.Attendees).toHaveLength(1);
    expect(created.Errors).toEqual([]);
    expect(batch.Attendees).toHaveLength(2);
    expect(list.Attendees).toHaveLength(2);
    expect(list.NextToken).toEqual(expect.any(String));
  });

  it('answers 204 to DeleteMeeting and NotFound afterwards', () => {
    const { store } = storeOnClock();
    const { MeetingId } = (
      route(
        'POST',
        '/meetings',
        { MediaRegion: 'us-east-1', ExternalMeetingId: 'v-1' },
        store,
        wire,
      ).body as { Meeting: { MeetingId: string } }
    ).Meeting;

    const deleted = route('DELETE', `/meetings/${MeetingId}`, {}, store, wire);

    expect(deleted).toEqual({ status: 204 });
    expect(() => route('GET', `/meetings/${MeetingId}`, {}, store, wire)).toThrowError(
      expect.objectContaining({ code: 'NotFoundException', status: 404 }),
    );
  });

  it.each([
    ['an unknown path', 'GET', '/nothing', 'UnknownOperationException'],
    ['a wrong method', 'PATCH', `/meetings/${unknownId}`, 'UnknownOperationException'],
    [
      'an unknown operation value',
      'POST',
      '/meetings?operation=explode',
      'UnknownOperationException',
    ],
    ['an operation Televisit does not use', 'GET', '/tags?arn=x', 'BadRequestException'],
    ['an empty id', 'GET', '/meetings/', 'UnknownOperationException'],
    ['a malformed id', 'GET', '/meetings/abc', 'BadRequestException'],
    ['an unknown meeting', 'GET', `/meetings/${unknownId}`, 'NotFoundException'],
    [
      'an unknown attendee',
      'GET',
      `/meetings/${unknownId}/attendees/${unknownId}`,
      'NotFoundException',
    ],
  ])('answers %s with %s', (_, method, path, code) => {
    const { store } = storeOnClock();

    expect(() => route(method, path, {}, store, wire)).toThrowError(
      expect.objectContaining({ code }),
    );
  });
});
