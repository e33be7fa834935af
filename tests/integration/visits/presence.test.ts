import { DeleteMeetingCommand } from '@aws-sdk/client-chime-sdk-meetings';
import { describe, expect, it } from 'vitest';
import { apiAs } from '../../helpers/api';
import { localClients } from '../../helpers/aws';
import { stack } from '../../helpers/local-stack';
import { openMedia } from '../../helpers/media';
import { asParticipant, knock, openVisit } from '../../helpers/visits';
import { openSocket } from '../../helpers/ws';

const chime = () => localClients().chime;

interface Person {
  participantId: string;
  kind: string;
  state: string;
  inCall: boolean;
  admittedAt?: string;
  endedAt?: string;
  earlier?: { state: string; admittedAt?: string; endedAt?: string }[];
}

/** Reads the visit until `done` holds (meeting events arrive a moment after what caused them). */
async function visitWhen(
  host: ReturnType<typeof apiAs>,
  visitId: string,
  done: (people: Person[]) => boolean,
): Promise<Person[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const people = (await host.get(`/visits/${visitId}`)).body.participants as Person[];
    if (done(people)) return people;
    if (Date.now() > deadline) throw new Error(`visit never got there: ${JSON.stringify(people)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function auditOf(visitId: string) {
  const from = new Date(Date.now() - 3600_000).toISOString();
  const to = new Date(Date.now() + 3600_000).toISOString();
  return (await apiAs('owner@demo.test').get(`/audit?from=${from}&to=${to}&visitId=${visitId}`))
    .body.entries as {
    type: string;
    at: string;
    subject?: string;
    details?: Record<string, unknown>;
  }[];
}

/** A started visit with a guest let in, both provider and guest connected to the media. */
async function visitInCall() {
  const { host, visitId, links } = await openVisit({ guests: 1 });
  await host.post(`/appointments/${visitId}/visit/start`);
  const guest = await knock(links[0]?.token ?? '');
  await host.post(`/visits/${visitId}/admit`, { participantIds: [guest.participantId] });
  const media = await Promise.all([
    openMedia((await host.get(`/visits/${visitId}/session`)).body),
    openMedia((await asParticipant(guest.participantToken).session(visitId)).body),
  ]);
  await visitWhen(host, visitId, (people) => people.every((p) => p.inCall));
  return { host, visitId, guest, links, media };
}

describe('presence when the visit or its meeting ends', () => {
  it('after End nobody shows in the call: everyone has left, with the time, and each leave is audited once', async () => {
    const { host, visitId, media } = await visitInCall();
    // Act
    const ended = await host.post(`/visits/${visitId}/end`);
    // Assess: the answer already says so, and so does every later read.
    expect(ended.body.participants).toEqual(
      expect.arrayContaining([expect.objectContaining({ state: 'left', inCall: false })]),
    );
    await Promise.all(media.map((m) => m.closed));
    // The stand-in's "left" and "meeting ended" events come after End; they change nothing more.
    await new Promise((r) => setTimeout(r, 1_000));
    const people = await visitWhen(host, visitId, () => true);
    for (const p of people) {
      expect(p, p.kind).toMatchObject({
        state: 'left',
        inCall: false,
        endedAt: ended.body.endedAt,
      });
    }
    const entries = await auditOf(visitId);
    for (const p of people) {
      const about = entries.filter((e) => e.subject === p.participantId);
      expect(
        about.filter((e) => e.type === 'participant.left_call'),
        p.kind,
      ).toHaveLength(1);
      expect(
        about.filter((e) => e.type === 'participant.left'),
        p.kind,
      ).toEqual([
        expect.objectContaining({ details: expect.objectContaining({ because: 'visit-ended' }) }),
      ]);
    }
    expect(entries.filter((e) => e.type === 'visit.ended')).toHaveLength(1);
    expect((await host.post(`/visits/${visitId}/end`)).status).toBe(200);
    expect((await auditOf(visitId)).length).toBe(entries.length);
  });

  it('when Chime ends the meeting under an open visit, its people leave the call but stay admitted', async () => {
    const { host, visitId, media } = await visitInCall();
    const meetingId = (await host.get(`/visits/${visitId}/session`)).body.Meeting.MeetingId;
    // Act: the meeting is deleted behind the visit's back.
    await chime().send(new DeleteMeetingCommand({ MeetingId: meetingId }));
    // Assess
    await Promise.all(media.map((m) => m.closed));
    const people = await visitWhen(host, visitId, (all) => all.every((p) => !p.inCall));
    expect(people.map((p) => p.state)).toEqual(['admitted', 'admitted']);
    const entries = await auditOf(visitId);
    expect(entries.filter((e) => e.type === 'participant.left_call')).toHaveLength(2);
    // And the provider's way back in is a new meeting.
    const again = (await host.get(`/visits/${visitId}/session`)).body.Meeting.MeetingId;
    expect(again).not.toBe(meetingId);
  });

  it('someone removed and let in again keeps their first stint in the details', async () => {
    const { host, visitId, links } = await openVisit({ guests: 1 });
    await host.post(`/appointments/${visitId}/visit/start`);
    const first = await knock(links[0]?.token ?? '');
    await host.post(`/visits/${visitId}/admit`, { participantIds: [first.participantId] });
    await host.post(`/visits/${visitId}/remove`, { participantId: first.participantId });
    const again = await knock(links[0]?.token ?? '');
    await host.post(`/visits/${visitId}/admit`, { participantIds: [again.participantId] });
    // Assess
    const guest = (await visitWhen(host, visitId, () => true)).find(
      (p) => p.participantId === first.participantId,
    );
    expect(guest?.state).toBe('admitted');
    expect(guest?.endedAt).toBeUndefined();
    expect(guest?.earlier).toEqual([
      expect.objectContaining({
        state: 'removed',
        admittedAt: expect.any(String),
        endedAt: expect.any(String),
      }),
    ]);
  });

  it('a waiting guest whose page closes is shown as gone within seconds; a reload in between is no leave', async () => {
    const { host, visitId, links } = await openVisit({ guests: 2 });
    await host.post(`/appointments/${visitId}/visit/start`);
    const [closing, reloading] = await Promise.all(links.map((l) => knock(l.token)));
    const socketOf = (token: string) =>
      openSocket(`${stack().wsUrl}?participant=${encodeURIComponent(token)}`);
    const first = await socketOf(closing?.participantToken ?? '');
    const before = await socketOf(reloading?.participantToken ?? '');
    // Act: one tab closes for good; the other reloads (a new socket before the old one's grace ends).
    first.close();
    const after = await socketOf(reloading?.participantToken ?? '');
    before.close();
    // Assess: the closed one has left (with its reason in the audit), the reloaded one waits.
    const people = await visitWhen(
      host,
      visitId,
      (p) => p.find((x) => x.participantId === closing?.participantId)?.state === 'left',
    );
    expect(people.find((x) => x.participantId === reloading?.participantId)?.state).toBe('waiting');
    const gone = (await auditOf(visitId)).filter((e) => e.type === 'participant.left');
    expect(gone).toEqual([
      expect.objectContaining({
        subject: closing?.participantId,
        details: expect.objectContaining({ because: 'connection-lost' }),
      }),
    ]);
    // Their place says so, and knocking again puts them back in the waiting room.
    expect((await asParticipant(closing?.participantToken ?? '').me(visitId)).body.state).toBe(
      'left',
    );
    after.close();
  });

  it("the details' times are the audit's, to the second: let in, removed, let in again, gone with the page", async () => {
    const { host, visitId, links } = await openVisit({ guests: 1 });
    await host.post(`/appointments/${visitId}/visit/start`);
    const first = await knock(links[0]?.token ?? '');
    await host.post(`/visits/${visitId}/admit`, { participantIds: [first.participantId] });
    await host.post(`/visits/${visitId}/remove`, { participantId: first.participantId });
    const again = await knock(links[0]?.token ?? '');
    await host.post(`/visits/${visitId}/admit`, { participantIds: [again.participantId] });
    // Their page connects, then closes for good: gone after the grace.
    const socket = await openSocket(
      `${stack().wsUrl}?participant=${encodeURIComponent(again.participantToken)}`,
    );
    socket.close();
    const people = await visitWhen(
      host,
      visitId,
      (p) => p.find((x) => x.participantId === first.participantId)?.state === 'left',
    );
    // Assess: every time in the details is an audit entry's time, exactly.
    const person = people.find((p) => p.participantId === first.participantId);
    const entries = (await auditOf(visitId)).filter((e) => e.subject === first.participantId);
    const at = (...types: string[]) =>
      entries.filter((e) => types.includes(e.type)).map((e) => e.at);
    const stints = [...(person?.earlier ?? []), person];
    expect(stints.map((x) => x?.admittedAt)).toEqual(at('participant.admitted'));
    expect(stints.map((x) => x?.endedAt)).toEqual(at('participant.removed', 'participant.left'));
  });
});
