import { randomUUID } from 'node:crypto';
import {
  type Attendee,
  ChimeSDKMeetingsClient,
  CreateMeetingWithAttendeesCommand,
  DeleteAttendeeCommand,
  DeleteMeetingCommand,
} from '@aws-sdk/client-chime-sdk-meetings';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCodes, meshSocketUrl } from '../../functions/local/media/protocol';
import { localClients } from '../helpers/aws';
import { localCredentials, stack } from '../helpers/local-stack';
import { startChimeTestServer, TestPeer } from './chime-test-server';

const local = stack();
const chime = localClients().chime;

let clockOffset = 0;
// Each test makes a few API calls; moving the clock 2 s gives it a full burst of 20.
beforeEach(async () => {
  clockOffset += 2_000;
  await local.setClockOffset(clockOffset);
});
afterAll(() => local.setClockOffset(0));

const open: TestPeer[] = [];
afterEach(() => {
  for (const peer of open.splice(0)) peer.socket.terminate();
});

/** A meeting with attendees; `join(i)` connects attendee i to the signalling. */
async function meetingWith(...externalUserIds: string[]) {
  const { Meeting, Attendees = [] } = await chime.send(
    new CreateMeetingWithAttendeesCommand({
      MediaRegion: 'us-east-1',
      ExternalMeetingId: `visit-${randomUUID()}`,
      Attendees: externalUserIds.map((ExternalUserId) => ({ ExternalUserId })),
    }),
  );
  const signalingUrl = Meeting?.MediaPlacement?.SignalingUrl ?? '';
  const meetingId = Meeting?.MeetingId ?? '';
  const attendee = (i: number): Required<Pick<Attendee, 'AttendeeId' | 'JoinToken'>> => ({
    AttendeeId: Attendees[i]?.AttendeeId ?? '',
    JoinToken: Attendees[i]?.JoinToken ?? '',
  });
  const connect = async (token: string) => {
    const peer = await TestPeer.connect(meshSocketUrl(signalingUrl, token));
    open.push(peer);
    return peer;
  };
  return {
    meetingId,
    signalingUrl,
    attendee,
    connect,
    join: (i: number) => connect(attendee(i).JoinToken),
  };
}

describe('media signalling (WebRTC mesh)', () => {
  it('introduces a newcomer to those present and relays offer, answer and ICE between them', async () => {
    const meeting = await meetingWith('provider-1a', 'patient-2b');
    const [first, second] = [meeting.attendee(0), meeting.attendee(1)];

    const a = await meeting.join(0);
    const welcomeA = await a.next('welcome');
    const b = await meeting.join(1);
    const welcomeB = await b.next('welcome');
    const joined = await a.next('peer-joined');
    b.send({ type: 'offer', to: first.AttendeeId, sdp: 'v=0 offer' });
    const offer = await a.next('offer');
    a.send({ type: 'answer', to: second.AttendeeId, sdp: 'v=0 answer' });
    const answer = await b.next('answer');
    b.send({
      type: 'ice',
      to: first.AttendeeId,
      candidate: { candidate: 'candidate:1 1 udp', sdpMid: '0' },
    });
    a.send({ type: 'ice', to: second.AttendeeId, candidate: null });
    const iceAtA = await a.next('ice');
    const iceAtB = await b.next('ice');

    expect(welcomeA).toEqual({
      type: 'welcome',
      meetingId: meeting.meetingId,
      self: { attendeeId: first.AttendeeId, externalUserId: 'provider-1a' },
      peers: [],
    });
    expect(welcomeB.peers).toEqual([
      { attendeeId: first.AttendeeId, externalUserId: 'provider-1a' },
    ]);
    expect(joined.peer).toEqual({ attendeeId: second.AttendeeId, externalUserId: 'patient-2b' });
    expect(offer).toEqual({ type: 'offer', from: second.AttendeeId, sdp: 'v=0 offer' });
    expect(answer).toEqual({ type: 'answer', from: first.AttendeeId, sdp: 'v=0 answer' });
    expect(iceAtA).toEqual({
      type: 'ice',
      from: second.AttendeeId,
      candidate: { candidate: 'candidate:1 1 udp', sdpMid: '0' },
    });
    expect(iceAtB).toEqual({ type: 'ice', from: first.AttendeeId, candidate: null });
  });

  it('passes each microphone state to the others, and tells a newcomer the last state of those present', async () => {
    const meeting = await meetingWith('provider-1a', 'patient-2b', 'guest-3c');
    const a = await meeting.join(0);
    await a.next('welcome');
    const b = await meeting.join(1);
    await b.next('welcome');
    await a.next('peer-joined');

    a.send({ type: 'state', muted: true });
    const atB = await b.next('state');
    b.send({ type: 'state', muted: false });
    const atA = await a.next('state');
    const c = await meeting.join(2);
    await c.next('welcome');
    const told = [await c.next('state'), await c.next('state')];
    a.send({ type: 'state', muted: 'yes' });
    const invalid = await a.next('error');

    expect(atB).toEqual({ type: 'state', from: meeting.attendee(0).AttendeeId, muted: true });
    expect(atA).toEqual({ type: 'state', from: meeting.attendee(1).AttendeeId, muted: false });
    expect(told).toEqual(
      expect.arrayContaining([
        { type: 'state', from: meeting.attendee(0).AttendeeId, muted: true },
        { type: 'state', from: meeting.attendee(1).AttendeeId, muted: false },
      ]),
    );
    expect(invalid.code).toBe('invalid-message');
  });

  it('never relays into another meeting', async () => {
    const ours = await meetingWith('provider-1a');
    const theirs = await meetingWith('patient-9z');
    const a = await ours.join(0);
    const stranger = await theirs.join(0);
    await a.next('welcome');
    await stranger.next('welcome');

    a.send({ type: 'offer', to: theirs.attendee(0).AttendeeId, sdp: 'v=0' });
    const error = await a.next('error');
    a.send('not json');
    const invalid = await a.next('error');

    expect(error.code).toBe('unknown-peer');
    expect(invalid.code).toBe('invalid-message');
    expect(stranger.received).toEqual([]);
  });

  it('refuses unknown tokens and the token of a deleted attendee', async () => {
    const meeting = await meetingWith('guest-3c');
    const { AttendeeId, JoinToken } = meeting.attendee(0);
    await chime.send(new DeleteAttendeeCommand({ MeetingId: meeting.meetingId, AttendeeId }));

    const deleted = await meeting.connect(JoinToken);
    const unknown = await meeting.connect('bm90LWEtdG9rZW4');

    expect(await deleted.closed).toMatchObject({ code: closeCodes.invalidToken });
    expect(await unknown.closed).toMatchObject({ code: closeCodes.invalidToken });
    expect(deleted.received).toEqual([]);
  });

  it('tells a removed attendee it was removed, closes it, and tells the others it left', async () => {
    const meeting = await meetingWith('provider-1a', 'guest-3c');
    const provider = await meeting.join(0);
    await provider.next('welcome');
    const guest = await meeting.join(1);
    await guest.next('welcome');
    await provider.next('peer-joined');

    await chime.send(
      new DeleteAttendeeCommand({
        MeetingId: meeting.meetingId,
        AttendeeId: meeting.attendee(1).AttendeeId,
      }),
    );

    expect(await guest.next('removed')).toEqual({ type: 'removed' });
    expect(await guest.closed).toMatchObject({ code: closeCodes.removed });
    expect(await provider.next('peer-left')).toEqual({
      type: 'peer-left',
      attendeeId: meeting.attendee(1).AttendeeId,
    });
  });

  it('tells everyone when the meeting ends, and closes them', async () => {
    const meeting = await meetingWith('provider-1a', 'patient-2b');
    const a = await meeting.join(0);
    const b = await meeting.join(1);
    await a.next('welcome');
    await b.next('welcome');

    await chime.send(new DeleteMeetingCommand({ MeetingId: meeting.meetingId }));

    for (const peer of [a, b]) {
      expect(await peer.next('ended')).toEqual({ type: 'ended' });
      expect(await peer.closed).toMatchObject({ code: closeCodes.ended });
    }
  });

  it('lets a second socket of the same attendee replace the first', async () => {
    const meeting = await meetingWith('provider-1a', 'patient-2b');
    const other = await meeting.join(1);
    await other.next('welcome');
    const before = await meeting.join(0);
    await before.next('welcome');
    await other.next('peer-joined');

    const after = await meeting.join(0);
    const welcome = await after.next('welcome');

    expect(await before.closed).toMatchObject({ code: closeCodes.replaced });
    expect(welcome.peers.map((p) => p.attendeeId)).toEqual([meeting.attendee(1).AttendeeId]);
    expect(await other.next('peer-left')).toMatchObject({
      attendeeId: meeting.attendee(0).AttendeeId,
    });
    expect(await other.next('peer-joined')).toMatchObject({
      peer: { attendeeId: meeting.attendee(0).AttendeeId },
    });
  });
});

describe('media signalling heartbeat', () => {
  it('drops a socket that stops answering pings, and the others see it leave', async () => {
    // Its own server: the shared stack pings every 15 s, too slow for a test.
    const server = await startChimeTestServer({ heartbeatMs: 100 });
    const client = new ChimeSDKMeetingsClient({
      region: 'us-east-1',
      endpoint: server.chimeEndpoint,
      credentials: localCredentials,
      maxAttempts: 1,
    });
    try {
      const { Meeting, Attendees = [] } = await client.send(
        new CreateMeetingWithAttendeesCommand({
          MediaRegion: 'us-east-1',
          ExternalMeetingId: 'visit-heartbeat',
          Attendees: [{ ExternalUserId: 'alive-1' }, { ExternalUserId: 'asleep-2' }],
        }),
      );
      const url = (i: number) =>
        meshSocketUrl(Meeting?.MediaPlacement?.SignalingUrl ?? '', Attendees[i]?.JoinToken ?? '');
      const alive = await TestPeer.connect(url(0));
      const asleep = await TestPeer.connect(url(1), { autoPong: false });
      await alive.next('welcome');

      const left = await alive.next('peer-left', 2_000);
      const stillOpen = alive.socket.readyState === alive.socket.OPEN;

      expect(left.attendeeId).toBe(Attendees[1]?.AttendeeId);
      expect((await asleep.closed).code).toBe(1006);
      expect(stillOpen).toBe(true);
      alive.socket.terminate();
    } finally {
      await server.close();
    }
  });
});
