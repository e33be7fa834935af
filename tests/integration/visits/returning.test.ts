import { GetMeetingCommand } from '@aws-sdk/client-chime-sdk-meetings';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { localClients } from '../../helpers/aws';
import { stack } from '../../helpers/local-stack';
import { openMedia } from '../../helpers/media';
import { asParticipant, knock, meetingMarkedEnded, openVisit } from '../../helpers/visits';

const chime = () => localClients().chime;

type JoinInfo = Parameters<typeof openMedia>[0] & { Meeting: { MeetingId: string } };

/** Whether join information still admits its holder: the media says welcome, not 4401. */
async function admits(info: JoinInfo): Promise<boolean> {
  const media = await openMedia(info);
  const outcome = await Promise.race([
    media.closed.then(() => false),
    new Promise<boolean>((resolve) => {
      const check = setInterval(() => {
        if (media.messages.some((m) => (m as { type?: string }).type === 'welcome')) {
          clearInterval(check);
          resolve(true);
        }
      }, 50);
    }),
  ]);
  media.socket.close();
  await media.closed;
  return outcome;
}

async function generationOf(visitId: string): Promise<number> {
  const stored = await localClients().documents.send(
    new GetCommand({
      TableName: stack().tables.TABLE_APPOINTMENTS,
      Key: { pk: `VISIT#${visitId}`, sk: 'MEETING' },
    }),
  );
  return Number(stored.Item?.generation);
}

/** A started visit with a guest let in, everyone having been in the call and then gone. */
async function visitEveryoneLeft() {
  const { host, visitId, links } = await openVisit({ guests: 1 });
  await host.post(`/appointments/${visitId}/visit/start`);
  const guest = await knock(links[0]?.token ?? '');
  await host.post(`/visits/${visitId}/admit`, { participantIds: [guest.participantId] });
  const hostInfo = (await host.get(`/visits/${visitId}/session`)).body as JoinInfo;
  const guestInfo = (await asParticipant(guest.participantToken).session(visitId)).body as JoinInfo;
  expect(await admits(hostInfo)).toBe(true);
  expect(await admits(guestInfo)).toBe(true);
  // Chime has seen both go (their leaves reached the visit): from now the meeting is idle.
  for (let i = 0; i < 100; i += 1) {
    const visit = await host.get(`/visits/${visitId}`);
    if (!visit.body.participants.some((p: { inCall: boolean }) => p.inCall)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { host, visitId, guest, firstMeeting: hostInfo.Meeting.MeetingId };
}

describe('coming back after Chime ended the idle meeting', () => {
  afterEach(async () => {
    await stack().setClockOffset(0);
  });

  it('the returning provider and the admitted guest get a new meeting that admits them, not the ended one', async () => {
    const { host, visitId, guest, firstMeeting } = await visitEveryoneLeft();
    // Act: six minutes with nobody connected; Chime ends the meeting and says so (its
    // MeetingEnded event reaches the visit). Then they come back.
    await stack().setClockOffset(6 * 60_000);
    await expect(
      chime().send(new GetMeetingCommand({ MeetingId: firstMeeting })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    await meetingMarkedEnded(visitId, firstMeeting);
    const provider = await host.get(`/visits/${visitId}/session`);
    const back = await asParticipant(guest.participantToken).session(visitId);
    // Assess
    expect(provider.status).toBe(200);
    expect(back.status).toBe(200);
    expect(provider.body.Meeting.MeetingId).not.toBe(firstMeeting);
    expect(back.body.Meeting.MeetingId).toBe(provider.body.Meeting.MeetingId);
    expect(await admits(provider.body)).toBe(true);
    expect(await admits(back.body)).toBe(true);
    expect(await generationOf(visitId)).toBe(2);
  });

  it('a join that failed before the end was heard: the page names the failed meeting, and gets one that admits it', async () => {
    const { host, visitId, guest, firstMeeting } = await visitEveryoneLeft();
    await stack().setClockOffset(6 * 60_000);
    await expect(
      chime().send(new GetMeetingCommand({ MeetingId: firstMeeting })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    // Act: the page, whose join failed (the end may not have reached the visit yet), asks
    // again, naming the meeting that failed.
    const back = await asParticipant(guest.participantToken).call(
      'GET',
      `/visits/${visitId}/me/session?failed=${firstMeeting}`,
    );
    const provider = await host.get(`/visits/${visitId}/session`);
    // Assess
    expect(back.status).toBe(200);
    expect(back.body.Meeting.MeetingId).not.toBe(firstMeeting);
    expect(provider.body.Meeting.MeetingId).toBe(back.body.Meeting.MeetingId);
    expect(await admits(back.body)).toBe(true);
    expect(await admits(provider.body)).toBe(true);
  });

  it('naming a meeting that still works changes nothing (no new meeting for a mere network hiccup)', async () => {
    const { host, visitId, guest, firstMeeting } = await visitEveryoneLeft();
    const back = await asParticipant(guest.participantToken).call(
      'GET',
      `/visits/${visitId}/me/session?failed=${firstMeeting}`,
    );
    expect(back.body.Meeting.MeetingId).toBe(firstMeeting);
    expect(await admits(back.body)).toBe(true);
    expect((await host.get(`/visits/${visitId}/session`)).body.Meeting.MeetingId).toBe(
      firstMeeting,
    );
    expect(await generationOf(visitId)).toBe(1);
  });

  it('two people coming back at the same moment end up in the same new meeting', async () => {
    const { host, visitId, guest, firstMeeting } = await visitEveryoneLeft();
    await stack().setClockOffset(6 * 60_000);
    await chime()
      .send(new GetMeetingCommand({ MeetingId: firstMeeting }))
      .catch(() => undefined);
    await meetingMarkedEnded(visitId, firstMeeting);
    // Act: both ask at once, twice over (each a racing pair).
    const [provider, back] = await Promise.all([
      host.get(`/visits/${visitId}/session`),
      asParticipant(guest.participantToken).session(visitId),
    ]);
    expect([provider.status, back.status], JSON.stringify([provider.body, back.body])).toEqual([
      200, 200,
    ]);
    const [providerAgain, backAgain] = await Promise.all([
      host.get(`/visits/${visitId}/session`),
      asParticipant(guest.participantToken).session(visitId),
    ]);
    // Assess: one new meeting for both, stable, admitting both.
    const meetingId = provider.body.Meeting.MeetingId;
    expect(meetingId).not.toBe(firstMeeting);
    expect([back, providerAgain, backAgain].map((r) => r.body.Meeting.MeetingId)).toEqual([
      meetingId,
      meetingId,
      meetingId,
    ]);
    expect(backAgain.body.Attendee.AttendeeId).toBe(back.body.Attendee.AttendeeId);
    expect(await generationOf(visitId)).toBe(2);
    expect(await admits(provider.body)).toBe(true);
    expect(await admits(back.body)).toBe(true);
  });
});
