import { ListAttendeesCommand } from '@aws-sdk/client-chime-sdk-meetings';
import { describe, expect, it } from 'vitest';
import { apiAs } from '../../helpers/api';
import { localClients } from '../../helpers/aws';
import { asParticipant, knock, openVisit } from '../../helpers/visits';

const chime = () => localClients().chime;

/** Invites `count` guests to a visit that has started, and each knocks. */
async function inviteAndKnock(visitId: string, count: number) {
  const frontDesk = apiAs('frontdesk@demo.test');
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const email = `late${i}.${Date.now()}@example.com`;
    const listed = await frontDesk.post(`/appointments/${visitId}/invitees`, { email });
    const link = listed.body.invitees.find((g: { email?: string }) => g.email === email).link;
    tokens.push(String(link).split('/join/')[1] ?? '');
  }
  return Promise.all(tokens.map((t, i) => knock(t, 'Late', `Guest${i}`)));
}

describe('admission and the cap', () => {
  it('holds the cap when 20 knocks are admitted at the same moment: 6 in, the rest stay waiting with visit.full', async () => {
    // Prepare: 20 invited guests knock; the provider starts.
    const { host, visitId, links } = await openVisit({ guests: 20 });
    const knocks = await Promise.all(links.map((l, i) => knock(l.token, 'Guest', `Number${i}`)));
    await host.post(`/appointments/${visitId}/visit/start`);
    // Act: twenty separate Allow clicks, all at once.
    const results = await Promise.all(
      knocks.map((k) =>
        host.post(`/visits/${visitId}/admit`, { participantIds: [k.participantId] }),
      ),
    );
    // Assess: six let in; each of the others is told the visit is full, with its places.
    expect(results.filter((r) => r.status === 200)).toHaveLength(6);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(14);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('visit.full');
      expect(r.body.error.message).toContain('6 people may join beside you and the patient');
    }
    const visit = (await host.get(`/visits/${visitId}`)).body;
    const guests = visit.participants.filter((p: { kind: string }) => p.kind === 'guest');
    expect(guests.filter((p: { state: string }) => p.state === 'admitted')).toHaveLength(6);
    expect(guests.filter((p: { state: string }) => p.state === 'waiting')).toHaveLength(14);
    const places = await Promise.all(
      knocks.map((k) => asParticipant(k.participantToken).me(visitId)),
    );
    expect(places.filter((p) => p.body.state === 'admitted')).toHaveLength(6);
    // Chime has exactly the admitted guests as attendees (no one else got credentials).
    const sessions = await Promise.all(
      knocks.map((k) => asParticipant(k.participantToken).session(visitId)),
    );
    expect(sessions.filter((s) => s.status === 200)).toHaveLength(6);
    expect(
      sessions
        .filter((s) => s.status === 403)
        .every((s) => s.body.error.code === 'participant.not_admitted'),
    ).toBe(true);
    const meetingId = sessions.find((s) => s.status === 200)?.body.Meeting.MeetingId;
    const attendees = await chime().send(new ListAttendeesCommand({ MeetingId: meetingId }));
    const admittedIds = places
      .filter((p) => p.body.state === 'admitted')
      .map((p) => p.body.participantId)
      .sort();
    expect(
      (attendees.Attendees ?? [])
        .map((a) => a.ExternalUserId)
        .filter((id) => admittedIds.includes(id ?? ''))
        .sort(),
    ).toEqual(admittedIds);
    expect(
      (attendees.Attendees ?? []).every((a) => /^[0-9a-f-]{36}$/.test(a.ExternalUserId ?? '')),
    ).toBe(true);
  });

  it('Allow all admits several at once up to the cap; admitting twice is harmless', async () => {
    const { host, visitId, links } = await openVisit({ guests: 8 });
    const knocks = await Promise.all(links.map((l) => knock(l.token)));
    await host.post(`/appointments/${visitId}/visit/start`);
    const all = await host.post(`/visits/${visitId}/admit`, {
      participantIds: knocks.map((k) => k.participantId),
    });
    expect(
      all.body.participants.filter(
        (p: { state: string; kind: string }) => p.kind === 'guest' && p.state === 'admitted',
      ),
    ).toHaveLength(6);
    // The two the cap left waiting are named, with the reason.
    expect(all.body.notAdmitted).toHaveLength(2);
    expect(all.body.notAdmitted[0]).toMatchObject({ reason: 'full' });
    const again = await host.post(`/visits/${visitId}/admit`, {
      participantIds: knocks.slice(0, 3).map((k) => k.participantId),
    });
    expect(again.status).toBe(200);
    expect(
      again.body.participants.filter((p: { state: string }) => p.state === 'admitted'),
    ).toHaveLength(7);
  });

  it('lets the patient in beside six others: eight people in all', async () => {
    const { host, visitId, links, clientLink } = await openVisit({ guests: 6 });
    const guests = await Promise.all(links.map((l) => knock(l.token)));
    const patient = await knock(clientLink, 'Pat', 'Patient');
    await host.post(`/appointments/${visitId}/visit/start`);
    const visit = (
      await host.post(`/visits/${visitId}/admit`, {
        participantIds: [...guests, patient].map((k) => k.participantId),
      })
    ).body;
    expect(
      visit.participants.filter((p: { state: string }) => p.state === 'admitted'),
    ).toHaveLength(8);
    expect(
      visit.participants.find(
        (p: { participantId: string }) => p.participantId === patient.participantId,
      ),
    ).toMatchObject({ kind: 'client', state: 'admitted' });
  });

  it('refuses Allow until the provider has started the visit (409 visit.not_started); the guest keeps waiting', async () => {
    const { host, visitId, links } = await openVisit({ guests: 1 });
    const guest = await knock(links[0]?.token ?? '');
    // Act: Allow from the schedule page before Start.
    const early = await host.post(`/visits/${visitId}/admit`, {
      participantIds: [guest.participantId],
    });
    // Assess: refused plainly, nothing changed, no credentials for the guest.
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'visit.not_started',
      message: 'Start the visit to let people in.',
    });
    expect((await asParticipant(guest.participantToken).me(visitId)).body).toMatchObject({
      state: 'waiting',
      started: false,
    });
    expect((await asParticipant(guest.participantToken).session(visitId)).status).toBe(403);
    // Once started, the same Allow lets them in.
    await host.post(`/appointments/${visitId}/visit/start`);
    const admitted = await host.post(`/visits/${visitId}/admit`, {
      participantIds: [guest.participantId],
    });
    expect(admitted.status).toBe(200);
    expect((await asParticipant(guest.participantToken).session(visitId)).status).toBe(200);
  });

  it('seats everyone waiting with the first Allow: guests invited after the start cost one Chime call, not one each', async () => {
    // Prepare: started with no guests; three are invited afterwards and knock.
    const { host, visitId } = await openVisit();
    await host.post(`/appointments/${visitId}/visit/start`);
    const guests = await inviteAndKnock(visitId, 3);
    const meetingId = (await host.get(`/visits/${visitId}/session`)).body.Meeting.MeetingId;
    // Act: Allow the first guest only.
    await host.post(`/visits/${visitId}/admit`, { participantIds: [guests[0]?.participantId] });
    // Assess: all three have attendees in Chime now, the two still waiting without credentials.
    const seated = await chime().send(new ListAttendeesCommand({ MeetingId: meetingId }));
    const byUser = new Map((seated.Attendees ?? []).map((a) => [a.ExternalUserId, a.AttendeeId]));
    for (const guest of guests) expect(byUser.has(guest.participantId)).toBe(true);
    const waiting = asParticipant(guests[1]?.participantToken ?? '');
    expect((await waiting.session(visitId)).status).toBe(403);
    // Letting the others in hands out those same attendees: no new ones were made.
    await host.post(`/visits/${visitId}/admit`, { participantIds: [guests[1]?.participantId] });
    const joined = await waiting.session(visitId);
    expect(joined.body.Attendee.AttendeeId).toBe(byUser.get(guests[1]?.participantId));
    const after = await chime().send(new ListAttendeesCommand({ MeetingId: meetingId }));
    expect(after.Attendees).toHaveLength(seated.Attendees?.length ?? 0);
  });

  it('deletes the attendee made for someone waiting when they are denied', async () => {
    const { host, visitId } = await openVisit();
    await host.post(`/appointments/${visitId}/visit/start`);
    const [first, second] = await inviteAndKnock(visitId, 2);
    const meetingId = (await host.get(`/visits/${visitId}/session`)).body.Meeting.MeetingId;
    await host.post(`/visits/${visitId}/admit`, { participantIds: [first?.participantId] });
    // Act
    await host.post(`/visits/${visitId}/deny`, { participantId: second?.participantId });
    // Assess
    const listed = await chime().send(new ListAttendeesCommand({ MeetingId: meetingId }));
    const users = (listed.Attendees ?? []).map((a) => a.ExternalUserId);
    expect(users).toContain(first?.participantId);
    expect(users).not.toContain(second?.participantId);
  });
});
