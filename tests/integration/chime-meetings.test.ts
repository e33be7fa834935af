import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  BatchCreateAttendeeCommand,
  CreateAttendeeCommand,
  CreateMeetingCommand,
  CreateMeetingWithAttendeesCommand,
  DeleteAttendeeCommand,
  DeleteMeetingCommand,
  GetAttendeeCommand,
  GetMeetingCommand,
  NotFoundException,
  paginateListAttendees,
  ThrottlingException,
} from '@aws-sdk/client-chime-sdk-meetings';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { isMeshSignalingUrl, meshSocketUrl } from '../../functions/local/media/protocol';
import { localClients } from '../helpers/aws';
import { stack } from '../helpers/local-stack';
import { TestPeer } from './chime-test-server';

const local = stack();
const chime = localClients().chime;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const minutes = (n: number) => n * 60_000;

let clockOffset = 0;
async function moveClock(ms: number) {
  clockOffset += ms;
  await local.setClockOffset(clockOffset);
}

/** The error a call fails with (the test fails if it succeeds). */
async function failure(
  call: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

async function newMeeting(
  overrides: Partial<ConstructorParameters<typeof CreateMeetingCommand>[0]> = {},
) {
  const { Meeting } = await chime.send(
    new CreateMeetingCommand({
      MediaRegion: 'us-east-1',
      ExternalMeetingId: `visit-${randomUUID()}`,
      ...overrides,
    }),
  );
  if (!Meeting?.MeetingId) throw new Error('no meeting');
  return { ...Meeting, MeetingId: Meeting.MeetingId };
}

// Chime allows 20 calls at once then 10/s; moving the clock 2 s refills the bucket, so each test
// starts with a full burst whatever the test before it spent.
beforeEach(() => moveClock(2_000));
afterAll(() => local.setClockOffset(0));

describe('Chime meetings control plane, through the real SDK', () => {
  it('creates a meeting and attendees', async () => {
    const meeting = await newMeeting({ ExternalMeetingId: 'visit-0a1b2c' });
    const { Attendee } = await chime.send(
      new CreateAttendeeCommand({ MeetingId: meeting.MeetingId, ExternalUserId: 'guest-4f2e' }),
    );
    const fetched = await chime.send(new GetMeetingCommand({ MeetingId: meeting.MeetingId }));
    const attendee = await chime.send(
      new GetAttendeeCommand({ MeetingId: meeting.MeetingId, AttendeeId: Attendee?.AttendeeId }),
    );

    expect(meeting.MeetingId).toMatch(guid);
    expect(meeting.ExternalMeetingId).toBe('visit-0a1b2c');
    expect(meeting.MediaRegion).toBe('us-east-1');
    expect(meeting.MeetingArn).toBe(
      `arn:aws:chime:us-east-1:123456789012:meeting/${meeting.MeetingId}`,
    );
    expect(isMeshSignalingUrl(meeting.MediaPlacement?.SignalingUrl)).toBe(true);
    expect(meeting.MediaPlacement?.SignalingUrl?.startsWith(local.mediaUrl)).toBe(true);
    expect(fetched.Meeting).toEqual(meeting);
    expect(Attendee).toMatchObject({
      ExternalUserId: 'guest-4f2e',
      AttendeeId: expect.stringMatching(guid),
      JoinToken: expect.any(String),
      Capabilities: { Audio: 'SendReceive', Video: 'SendReceive', Content: 'SendReceive' },
    });
    expect(attendee.Attendee).toEqual(Attendee);
  });

  it('creates a meeting with attendees, and pages through them', async () => {
    const created = await chime.send(
      new CreateMeetingWithAttendeesCommand({
        MediaRegion: 'us-east-1',
        ExternalMeetingId: 'visit-3c4d5e',
        Attendees: ['p-1', 'p-2', 'p-3', 'p-4', 'p-5'].map((ExternalUserId) => ({
          ExternalUserId,
        })),
      }),
    );
    const meetingId = created.Meeting?.MeetingId ?? '';

    const seen: string[] = [];
    const pages = paginateListAttendees({ client: chime }, { MeetingId: meetingId, MaxResults: 2 });
    let pageCount = 0;
    for await (const page of pages) {
      pageCount++;
      for (const attendee of page.Attendees ?? []) seen.push(attendee.ExternalUserId ?? '');
    }

    expect(created.Attendees).toHaveLength(5);
    expect(created.Errors).toEqual([]);
    expect(pageCount).toBe(3);
    expect(seen).toEqual(['p-1', 'p-2', 'p-3', 'p-4', 'p-5']);
  });

  it('creates a batch and reports the attendees it could not create item by item', async () => {
    const meeting = await newMeeting({ MeetingFeatures: { Attendee: { MaxCount: 3 } } });

    const result = await chime.send(
      new BatchCreateAttendeeCommand({
        MeetingId: meeting.MeetingId,
        Attendees: ['u-1', 'aws:u-2', 'u-3', 'u-4', 'u-5'].map((ExternalUserId) => ({
          ExternalUserId,
        })),
      }),
    );
    const tooMany = await failure(
      chime.send(
        new BatchCreateAttendeeCommand({
          MeetingId: meeting.MeetingId,
          Attendees: Array.from({ length: 101 }, (_, i) => ({ ExternalUserId: `user-${i}` })),
        }),
      ),
    );

    expect(result.Attendees?.map((a) => a.ExternalUserId)).toEqual(['u-1', 'u-3', 'u-4']);
    expect(result.Errors).toEqual([
      {
        ExternalUserId: 'aws:u-2',
        ErrorCode: 'BadRequest',
        ErrorMessage: expect.stringMatching(/aws:/),
      },
      {
        ExternalUserId: 'u-5',
        ErrorCode: 'ResourceLimitExceeded',
        ErrorMessage: expect.any(String),
      },
    ]);
    expect(tooMany).toBeInstanceOf(BadRequestException);
    expect(tooMany.message).toMatch(/between 1 and 100/);
    expect(tooMany.$metadata?.httpStatusCode).toBe(400);
  });

  it('holds 250 attendees by default and refuses the 251st (LimitExceeded alone, ResourceLimitExceeded in a batch)', async () => {
    // Prepare: a meeting with Chime's default size.
    const meeting = await newMeeting();
    const batch = (from: number, count: number) =>
      chime.send(
        new BatchCreateAttendeeCommand({
          MeetingId: meeting.MeetingId,
          Attendees: Array.from({ length: count }, (_, i) => ({
            ExternalUserId: `seat-${from + i}`,
          })),
        }),
      );
    // Act: three batches fill it to 250; then one more, alone and in a batch.
    const filled = [await batch(0, 100), await batch(100, 100), await batch(200, 50)];
    const extra = await failure(
      chime.send(
        new CreateAttendeeCommand({ MeetingId: meeting.MeetingId, ExternalUserId: 'seat-250' }),
      ),
    );
    const extraInBatch = await batch(250, 2);
    // Assess
    expect(filled.map((r) => [r.Attendees?.length, r.Errors])).toEqual([
      [100, []],
      [100, []],
      [50, []],
    ]);
    expect(extra.name).toBe('LimitExceededException');
    expect(extra.$metadata?.httpStatusCode).toBe(400);
    expect(extraInBatch.Attendees).toEqual([]);
    expect(extraInBatch.Errors?.map((e) => e.ErrorCode)).toEqual([
      'ResourceLimitExceeded',
      'ResourceLimitExceeded',
    ]);
  });

  it('returns the existing attendee for the same ExternalUserId, until it is deleted', async () => {
    const { MeetingId } = await newMeeting();
    const input = { MeetingId, ExternalUserId: 'contact-9d8c' };

    const first = (await chime.send(new CreateAttendeeCommand(input))).Attendee;
    const again = (await chime.send(new CreateAttendeeCommand(input))).Attendee;
    const deleted = await chime.send(
      new DeleteAttendeeCommand({ MeetingId, AttendeeId: first?.AttendeeId }),
    );
    const gone = await failure(
      chime.send(new GetAttendeeCommand({ MeetingId, AttendeeId: first?.AttendeeId })),
    );
    const fresh = (await chime.send(new CreateAttendeeCommand(input))).Attendee;

    expect(again?.AttendeeId).toBe(first?.AttendeeId);
    expect(again?.JoinToken).toBe(first?.JoinToken);
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(gone).toBeInstanceOf(NotFoundException);
    expect(fresh?.AttendeeId).not.toBe(first?.AttendeeId);
  });

  it('returns the same meeting for the same ClientRequestToken', async () => {
    const token = randomUUID();

    const first = await newMeeting({ ClientRequestToken: token });
    const second = await newMeeting({ ClientRequestToken: token });

    expect(second.MeetingId).toBe(first.MeetingId);
  });

  it('rejects input AWS would reject, with BadRequestException', async () => {
    const { MeetingId } = await newMeeting();

    const shortId = await failure(
      chime.send(new CreateAttendeeCommand({ MeetingId, ExternalUserId: 'x' })),
    );
    const reserved = await failure(
      chime.send(
        new CreateMeetingCommand({ MediaRegion: 'us-east-1', ExternalMeetingId: 'aws:visit' }),
      ),
    );
    const noRegion = await failure(
      chime.send(
        new CreateMeetingCommand({ MediaRegion: undefined, ExternalMeetingId: 'visit-1' }),
      ),
    );

    for (const error of [shortId, reserved, noRegion]) {
      expect(error).toBeInstanceOf(BadRequestException);
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
    expect(shortId.message).toMatch(/ExternalUserId must be between 2 and 64/);
    expect(reserved.message).toMatch(/reserved prefix/);
    expect(noRegion.message).toMatch(/MediaRegion is required/);
  });

  it('answers NotFoundException for a deleted meeting and an unknown one', async () => {
    const { MeetingId } = await newMeeting();

    const deleted = await chime.send(new DeleteMeetingCommand({ MeetingId }));
    const errors = await Promise.all([
      failure(chime.send(new GetMeetingCommand({ MeetingId }))),
      failure(chime.send(new CreateAttendeeCommand({ MeetingId, ExternalUserId: 'late-1' }))),
      failure(chime.send(new DeleteMeetingCommand({ MeetingId }))),
      failure(chime.send(new GetMeetingCommand({ MeetingId: randomUUID() }))),
    ]);

    expect(deleted.$metadata.httpStatusCode).toBe(204);
    for (const error of errors) {
      expect(error).toBeInstanceOf(NotFoundException);
      expect(error.$metadata?.httpStatusCode).toBe(404);
    }
  });

  it('answers what the API does not have with a restJson error, never a crash', async () => {
    const unknown = await fetch(`${local.chimeEndpoint}/nothing/here`);
    const badJson = await fetch(`${local.chimeEndpoint}/meetings`, { method: 'POST', body: '{' });
    const unsupported = await fetch(`${local.chimeEndpoint}/tags?arn=x`);

    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await unknown.json()).toEqual({
      Code: 'UnknownOperationException',
      Message: 'No operation answers GET /nothing/here.',
      RequestId: unknown.headers.get('x-amzn-requestid'),
    });
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    expect(await badJson.json()).toMatchObject({ Message: 'The request body is not valid JSON.' });
    expect(unsupported.status).toBe(400);
    expect(await unsupported.json()).toMatchObject({
      Message: expect.stringMatching(/ListTagsForResource/),
    });
  });

  it('throttles a burst beyond 20 calls with ThrottlingException', async () => {
    const { MeetingId } = await newMeeting();
    await moveClock(2_000);

    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, () => chime.send(new GetMeetingCommand({ MeetingId }))),
    );

    const throttled = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error] : []));
    const served = outcomes.length - throttled.length;
    // 20 at once; at 10/s a slow machine may earn a token or two during the burst.
    expect(served).toBeGreaterThanOrEqual(20);
    expect(served).toBeLessThanOrEqual(22);
    for (const error of throttled) {
      expect(error).toBeInstanceOf(ThrottlingException);
      expect((error as ThrottlingException).$metadata.httpStatusCode).toBe(429);
    }
  });
});

describe('Chime meeting lifecycle, through the real SDK and the signalling', () => {
  it('ends a meeting nobody joined 5 minutes after it was created', async () => {
    const { MeetingId } = await newMeeting();

    await moveClock(minutes(5));

    expect(await failure(chime.send(new GetMeetingCommand({ MeetingId })))).toBeInstanceOf(
      NotFoundException,
    );
  });

  it('keeps a meeting while an attendee is connected and ends it 5 minutes after they left', async () => {
    const meeting = await newMeeting();
    const { Attendee } = await chime.send(
      new CreateAttendeeCommand({ MeetingId: meeting.MeetingId, ExternalUserId: 'patient-5e6f' }),
    );
    const peer = await TestPeer.connect(
      meshSocketUrl(meeting.MediaPlacement?.SignalingUrl ?? '', Attendee?.JoinToken ?? ''),
    );
    await peer.next('welcome');

    await moveClock(minutes(30));
    const whileConnected = await chime.send(
      new GetMeetingCommand({ MeetingId: meeting.MeetingId }),
    );
    await peer.close();
    // The server sees the close a moment after the client does.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await moveClock(minutes(4));
    const fourMinutesLater = await chime.send(
      new GetMeetingCommand({ MeetingId: meeting.MeetingId }),
    );
    await moveClock(minutes(1));
    const fiveMinutesLater = await failure(
      chime.send(new GetMeetingCommand({ MeetingId: meeting.MeetingId })),
    );

    expect(whileConnected.Meeting?.MeetingId).toBe(meeting.MeetingId);
    expect(fourMinutesLater.Meeting?.MeetingId).toBe(meeting.MeetingId);
    expect(fiveMinutesLater).toBeInstanceOf(NotFoundException);
  });

  it('counts DeleteAttendee as leaving', async () => {
    const meeting = await newMeeting();
    const { Attendee } = await chime.send(
      new CreateAttendeeCommand({ MeetingId: meeting.MeetingId, ExternalUserId: 'guest-7a7a' }),
    );
    const peer = await TestPeer.connect(
      meshSocketUrl(meeting.MediaPlacement?.SignalingUrl ?? '', Attendee?.JoinToken ?? ''),
    );
    await peer.next('welcome');

    await chime.send(
      new DeleteAttendeeCommand({ MeetingId: meeting.MeetingId, AttendeeId: Attendee?.AttendeeId }),
    );
    await moveClock(minutes(5));

    expect(await peer.closed).toMatchObject({ code: 4403 });
    expect(
      await failure(chime.send(new GetMeetingCommand({ MeetingId: meeting.MeetingId }))),
    ).toBeInstanceOf(NotFoundException);
  });
});
