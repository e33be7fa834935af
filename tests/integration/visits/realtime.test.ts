import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { apiAs } from '../../helpers/api';
import { accessTokenFor } from '../../helpers/auth';
import { stack } from '../../helpers/local-stack';
import { openMedia } from '../../helpers/media';
import { asParticipant, knock, openVisit } from '../../helpers/visits';
import { nextMessage, openSocket } from '../../helpers/ws';

/** Everything a socket receives, for asserting later what it got and what it never got. */
function record(socket: WebSocket) {
  const received: Record<string, unknown>[] = [];
  socket.on('message', (data) => received.push(JSON.parse(data.toString())));
  return received;
}

const settle = () => new Promise((r) => setTimeout(r, 400));

describe('realtime news of a visit', () => {
  it('reaches the right people and nobody else', async () => {
    // Prepare: the provider, two guests, a watching front desk, and an unrelated provider, all connected.
    const { provider, host, visitId, links } = await openVisit({ guests: 2 });
    const providerSocket = await openSocket(
      `${stack().wsUrl}?token=${await accessTokenFor(provider.email, provider.password)}`,
    );
    const unrelatedSocket = await openSocket(
      `${stack().wsUrl}?token=${await accessTokenFor('dr.kim@demo.test')}`,
    );
    const frontDeskSocket = await openSocket(
      `${stack().wsUrl}?token=${await accessTokenFor('frontdesk@demo.test')}`,
    );
    const toProvider = record(providerSocket);
    const toUnrelated = record(unrelatedSocket);
    const toFrontDesk = record(frontDeskSocket);
    await host.post(`/appointments/${visitId}/visit/start`);
    frontDeskSocket.send(JSON.stringify({ action: 'watch', visitId }));
    await nextMessage(frontDeskSocket, (m) => m.type === 'watching');
    // A guest cannot watch anything.
    // Act 1: A knocks.
    const a = await knock(links[0]?.token ?? '', 'Avery', 'Ames');
    const aSocket = await openSocket(`${stack().wsUrl}?participant=${a.participantToken}`);
    const toA = record(aSocket);
    const b = await knock(links[1]?.token ?? '', 'Blair', 'Best');
    const bSocket = await openSocket(`${stack().wsUrl}?participant=${b.participantToken}`);
    const toB = record(bSocket);
    bSocket.send(JSON.stringify({ action: 'watch', visitId }));
    await settle();
    // Assess 1: the provider hears both knocks with name and how they came; the watcher hears a change.
    const knocks = toProvider.filter((m) => m.type === 'knock');
    expect(knocks.map((k) => k.name).sort()).toEqual(['Avery Ames', 'Blair Best']);
    expect(knocks.every((k) => k.via === 'link' && k.visitId === visitId)).toBe(true);
    expect(toFrontDesk.some((m) => m.type === 'visit-changed' && m.visitId === visitId)).toBe(true);
    expect(toB.find((m) => m.type === 'error')?.code).toBe('visit.not_found');
    // Act 2: admit A, deny B.
    await host.post(`/visits/${visitId}/admit`, { participantIds: [a.participantId] });
    await host.post(`/visits/${visitId}/deny`, { participantId: b.participantId });
    await settle();
    // Assess 2: A alone gets join information; B alone is told they were not let in.
    // Once from the Allow itself, once again from the news stream (a page in the call ignores it).
    const admitted = toA.filter((m) => m.type === 'admitted');
    expect(admitted).toHaveLength(2);
    // The Allow's own also names who is in the call, so the page labels its tiles at once.
    const { people, ...direct } = admitted[0] ?? {};
    expect(admitted[1]).toEqual(direct);
    expect(people).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ participantId: a.participantId, name: 'Avery A.' }),
      ]),
    );
    expect(people).toHaveLength(2);
    const joinInfo = admitted[0]?.joinInfo as { Attendee: { ExternalUserId: string } } | undefined;
    expect(joinInfo?.Attendee.ExternalUserId).toBe(a.participantId);
    expect(toB.some((m) => m.type === 'admitted')).toBe(false);
    expect(toB.filter((m) => m.type === 'denied')).toHaveLength(1);
    expect(toA.some((m) => m.type === 'denied')).toBe(false);
    // Act 3: A's media connects; then the visit ends.
    const session = (await asParticipant(a.participantToken).session(visitId)).body;
    const media = await openMedia(session);
    await settle();
    const roster = (await host.get(`/visits/${visitId}`)).body.participants.find(
      (p: { participantId: string }) => p.participantId === a.participantId,
    );
    expect(roster.inCall).toBe(true);
    await host.post(`/visits/${visitId}/end`);
    await media.closed;
    await settle();
    // Assess 3: everyone in the visit hears it ended; the unrelated provider heard nothing at all.
    expect(toA.some((m) => m.type === 'ended')).toBe(true);
    expect(toB.some((m) => m.type === 'ended')).toBe(true);
    expect(toUnrelated).toEqual([]);
    for (const socket of [providerSocket, unrelatedSocket, frontDeskSocket, aSocket, bSocket])
      socket.close();
  });

  it('writes each knock, admission, denial, removal, join, leave and end to the audit trail exactly once', async () => {
    const { host, visitId, links } = await openVisit({ guests: 2 });
    const a = await knock(links[0]?.token ?? '');
    const b = await knock(links[1]?.token ?? '');
    await knock(links[0]?.token ?? '');
    await host.post(`/appointments/${visitId}/visit/start`);
    await host.post(`/visits/${visitId}/admit`, { participantIds: [a.participantId] });
    await host.post(`/visits/${visitId}/admit`, { participantIds: [a.participantId] });
    await host.post(`/visits/${visitId}/deny`, { participantId: b.participantId });
    const media = await openMedia((await asParticipant(a.participantToken).session(visitId)).body);
    await settle();
    media.socket.close();
    await settle();
    await host.post(`/visits/${visitId}/remove`, { participantId: a.participantId });
    await host.post(`/visits/${visitId}/end`);
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const entries = (
      await apiAs('owner@demo.test').get(`/audit?from=${from}&to=${to}&visitId=${visitId}`)
    ).body.entries as {
      type: string;
      subject?: string;
      actor: string;
      actorName?: string;
      subjectName?: string;
    }[];
    const types = entries.map((e) => e.type);
    expect(types.filter((t) => t === 'participant.knocked')).toHaveLength(2);
    expect(types.filter((t) => t === 'participant.admitted')).toHaveLength(1);
    expect(types.filter((t) => t === 'participant.denied')).toHaveLength(1);
    expect(types.filter((t) => t === 'participant.joined')).toHaveLength(1);
    expect(types.filter((t) => t === 'participant.left_call')).toHaveLength(1);
    expect(types.filter((t) => t === 'participant.removed')).toHaveLength(1);
    expect(types.filter((t) => t === 'visit.ended')).toHaveLength(1);
    expect(types.filter((t) => t === 'invitation.added')).toHaveLength(2);
    // The trail keeps ids only; names are looked up for the person reading it.
    const kept = entries.map(({ actorName: _a, subjectName: _s, ...entry }) => entry);
    expect(JSON.stringify(kept)).not.toMatch(/Guest Person|example\.com/);
    expect(entries.find((e) => e.type === 'participant.admitted')?.subjectName).toMatch(
      /^Guest Person/,
    );
    const csv = await fetch(
      `${stack().url}/api/audit/export.csv?from=${from}&to=${to}&visitId=${visitId}`,
      { headers: { authorization: `Bearer ${await accessTokenFor('manager@demo.test')}` } },
    );
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('at,type,visitId,actorName,actor,subjectName,subject,details,eventId');
    expect(lines).toHaveLength(entries.length + 1);
  });
});
