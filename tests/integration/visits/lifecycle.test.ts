import { GetMeetingCommand, NotFoundException } from '@aws-sdk/client-chime-sdk-meetings';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { apiAs } from '../../helpers/api';
import { localClients } from '../../helpers/aws';
import { stack } from '../../helpers/local-stack';
import { openMedia } from '../../helpers/media';
import { asParticipant, knock, meetingMarkedEnded, openVisit } from '../../helpers/visits';

const chime = () => localClients().chime;

describe('the visit lifecycle', () => {
  it('a removed participant loses their attendee at once, and the same link brings them back only through the waiting room', async () => {
    const { host, visitId, links } = await openVisit({ guests: 1 });
    const first = await knock(links[0]?.token ?? '');
    await host.post(`/appointments/${visitId}/visit/start`);
    await host.post(`/visits/${visitId}/admit`, { participantIds: [first.participantId] });
    const session = (await asParticipant(first.participantToken).session(visitId)).body;
    const media = await openMedia(session);
    // Act
    await host.post(`/visits/${visitId}/remove`, { participantId: first.participantId });
    // Assess: their media is cut (the signalling says removed), their credentials are gone.
    expect(await media.closed).toMatchObject({ code: 4403 });
    expect((await asParticipant(first.participantToken).session(visitId)).status).toBe(403);
    expect((await asParticipant(first.participantToken).me(visitId)).body.state).toBe('removed');
    const again = await knock(links[0]?.token ?? '');
    expect(again.participantId).toBe(first.participantId);
    expect(again.state).toBe('waiting');
    expect((await asParticipant(again.participantToken).session(visitId)).status).toBe(403);
  });

  it('End visit deletes the meeting, revokes every link, completes the appointment, and tells everyone', async () => {
    const { host, visitId, links, clientLink } = await openVisit({ guests: 2 });
    const guest = await knock(links[0]?.token ?? '');
    await host.post(`/appointments/${visitId}/visit/start`);
    await host.post(`/visits/${visitId}/admit`, { participantIds: [guest.participantId] });
    const meetingId = (await asParticipant(guest.participantToken).session(visitId)).body.Meeting
      .MeetingId;
    // Act
    const ended = await host.post(`/visits/${visitId}/end`);
    // Assess
    expect(ended.body.status).toBe('ended');
    await expect(
      chime().send(new GetMeetingCommand({ MeetingId: meetingId })),
    ).rejects.toBeInstanceOf(NotFoundException);
    for (const token of [links[0]?.token, links[1]?.token, clientLink]) {
      expect((await apiAs(null).get(`/join/${token}`)).status).toBe(410);
      expect(
        (await apiAs(null).post(`/join/${token}/knock`, { firstName: 'Late', lastName: 'Comer' }))
          .status,
      ).toBe(410);
    }
    const appointment = await apiAs('frontdesk@demo.test').get(`/appointments/${visitId}`);
    expect(appointment.body.status).toBe('completed');
    expect((await asParticipant(guest.participantToken).me(visitId)).body).toMatchObject({
      visitStatus: 'ended',
      message: expect.stringContaining('ended'),
    });
    expect((await host.post(`/visits/${visitId}/end`)).status).toBe(200);
  });

  it('replaces a meeting that Chime ended after 5 minutes with nobody connected, without anyone noticing', async () => {
    const { host, visitId, links } = await openVisit({ guests: 2 });
    const [a, b] = await Promise.all(links.map((l) => knock(l.token)));
    await host.post(`/appointments/${visitId}/visit/start`);
    await host.post(`/visits/${visitId}/admit`, { participantIds: [a?.participantId] });
    const firstMeeting = (await asParticipant(a?.participantToken ?? '').session(visitId)).body
      .Meeting.MeetingId;
    // Act: six minutes pass with nobody connected; Chime ends the meeting.
    await stack().setClockOffset(6 * 60_000);
    try {
      await expect(
        chime().send(new GetMeetingCommand({ MeetingId: firstMeeting })),
      ).rejects.toBeInstanceOf(NotFoundException);
      // Chime's MeetingEnded event marks the visit's meeting ended (no GetMeeting on joins).
      await meetingMarkedEnded(visitId, firstMeeting);
      await host.post(`/visits/${visitId}/admit`, { participantIds: [b?.participantId] });
      const second = (await asParticipant(b?.participantToken ?? '').session(visitId)).body;
      const again = (await asParticipant(a?.participantToken ?? '').session(visitId)).body;
      // Assess: a new meeting, and both admitted people have attendees in it.
      expect(second.Meeting.MeetingId).not.toBe(firstMeeting);
      expect(again.Meeting.MeetingId).toBe(second.Meeting.MeetingId);
      const stored = await localClients().documents.send(
        new GetCommand({
          TableName: stack().tables.TABLE_APPOINTMENTS,
          Key: { pk: `VISIT#${visitId}`, sk: 'MEETING' },
        }),
      );
      expect(stored.Item?.generation).toBe(2);
      expect(stored.Item?.endedAt).toBeUndefined();
    } finally {
      await stack().setClockOffset(0);
    }
  });

  it('a provider who drops and comes back is never locked out', async () => {
    const { host, visitId, links } = await openVisit({ guests: 1 });
    await host.post(`/appointments/${visitId}/visit/start`);
    const guest = await knock(links[0]?.token ?? '');
    await host.post(`/visits/${visitId}/admit`, { participantIds: [guest.participantId] });
    // The provider's page reloads: they start again and are straight back in, same place.
    const again = await host.post(`/appointments/${visitId}/visit/start`);
    expect(again.status).toBe(200);
    expect(
      again.body.participants.filter((p: { kind: string }) => p.kind === 'provider'),
    ).toHaveLength(1);
    expect((await host.get(`/visits/${visitId}/session`)).status).toBe(200);
    expect((await asParticipant(guest.participantToken).me(visitId)).body.state).toBe('admitted');
  });
});

describe('what someone in the call learns of the others', () => {
  it('the admitted see who is in the call (the provider by name, others by first name and initial); the waiting see nobody', async () => {
    const { host, visitId, links } = await openVisit({ guests: 2 });
    const a = await knock(links[0]?.token ?? '', 'Avery', 'Ames');
    const b = await knock(links[1]?.token ?? '', 'Blair', 'Best');
    await host.post(`/appointments/${visitId}/visit/start`);
    await host.post(`/visits/${visitId}/admit`, { participantIds: [a.participantId] });
    const inCall = (await asParticipant(a.participantToken).me(visitId)).body;
    expect(inCall.people.map((p: { name: string }) => p.name).sort()).toEqual(
      ['Avery A.', expect.stringMatching(/^Dr\. Visit/)].sort(),
    );
    // Names only: nothing says who is the patient, a contact or a guest.
    expect(Object.keys(inCall.people[0]).sort()).toEqual(['name', 'participantId']);
    expect((await asParticipant(b.participantToken).me(visitId)).body.people).toBeUndefined();
    await host.post(`/visits/${visitId}/end`);
    // The invitation list stays readable after the visit (the audit log names invitees by it).
    expect((await apiAs('owner@demo.test').get(`/appointments/${visitId}/invitees`)).status).toBe(
      200,
    );
  });
});
