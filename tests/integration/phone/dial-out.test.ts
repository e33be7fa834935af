import { describe, expect, it } from 'vitest';
import { apiAs } from '../../helpers/api';
import { type CallView, heardLast, ringing } from '../../helpers/phone';
import { knock, openVisit } from '../../helpers/visits';

interface Person {
  participantId: string;
  name: string;
  via: string;
  state: string;
  invitedAs?: string;
  dialOut?: string;
}

/** A visit its provider has started, as "Call a phone" needs. */
async function startedVisit(options: { guests?: number } = {}) {
  const visit = await openVisit(options);
  await visit.host.post(`/appointments/${visit.visitId}/visit/start`);
  await visit.host.get(`/visits/${visit.visitId}/session`);
  return visit;
}

/** A number of its own for each call, so each test finds its own ringing phone. */
let line = 300;
const callee = () => {
  line += 1;
  return `+1202555${String(line).padStart(4, '0')}`;
};

async function person(host: ReturnType<typeof apiAs>, visitId: string, participantId: string) {
  const visit = await host.get(`/visits/${visitId}`);
  return (visit.body.participants as Person[]).find((p) => p.participantId === participantId);
}

/** Waits until the provider's view of the callee is as `ready` wants. */
async function until(
  host: ReturnType<typeof apiAs>,
  visitId: string,
  participantId: string,
  ready: (p: Person | undefined) => boolean,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  let last = await person(host, visitId, participantId);
  while (!ready(last)) {
    if (Date.now() > deadline) throw new Error(`Not yet: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await person(host, visitId, participantId);
  }
  return last;
}

describe('the provider calls a phone into the visit', () => {
  it('answered with 1: the callee hears who calls, joins without waiting, and the provider sees it all', async () => {
    const { host, visitId } = await startedVisit();
    const number = callee();
    const placed = await host.post(`/visits/${visitId}/phone-calls`, {
      number: `(202) 555-${number.slice(-4)}`,
      name: 'Grandma Rose',
    });
    expect(placed.status).toBe(200);
    const { participantId } = placed.body;
    expect(await person(host, visitId, participantId)).toMatchObject({
      name: 'Grandma Rose',
      via: 'phone',
      state: 'admitted',
      dialOut: 'ringing',
      invitedAs: `…${number.slice(-4)}`,
    });

    const call = await ringing(number);
    expect((await call.view()).from).toBe('+12025550100'); // the clinic's own number
    await call.answer();
    const asked = await call.until((c) => c.listening, 'asked to press 1');
    expect(heardLast(asked)).toMatch(/Dr\. Visit \d+ invites you/);
    expect(heardLast(asked)).toMatch(/Press 1/);
    expect(heardLast(asked)).not.toMatch(/Visit Client|patient/i);
    expect((await person(host, visitId, participantId))?.dialOut).toBe('answered');

    await call.press('1');
    const joined = await call.until((c) => c.inMeeting, 'joined the meeting');
    const session = await host.get(`/visits/${visitId}/session`);
    expect(joined.meetingId).toBe(session.body.Meeting.MeetingId);
    await until(host, visitId, participantId, (p) => p?.dialOut === 'joined');

    // The audit trail has the call and how it went, never the number.
    const from = new Date(Date.now() - 600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const audit = await apiAs('owner@demo.test').get(
      `/audit?from=${from}&to=${to}&visitId=${visitId}`,
    );
    const types = (audit.body.entries as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['phone.called', 'phone.dial_status']));
    expect(JSON.stringify(audit.body)).not.toContain(number.slice(1));

    // Hanging up is leaving.
    await call.hangUp();
    await until(host, visitId, participantId, (p) => p?.state === 'left');
  });

  it('answered with 2: a goodbye, "declined", and the place is free again', async () => {
    const { host, visitId } = await startedVisit();
    const number = callee();
    const { participantId } = (await host.post(`/visits/${visitId}/phone-calls`, { number })).body;
    const call = await ringing(number);
    await call.answer();
    await call.until((c) => c.listening, 'asked to press 1');
    await call.press('2');
    const ended = await call.until((c) => c.state === 'ended', 'hung up');
    expect(heardLast(ended)).toMatch(/Goodbye/);
    expect(ended.inMeeting).toBe(false);
    expect(await until(host, visitId, participantId, (p) => p?.state === 'left')).toMatchObject({
      dialOut: 'declined',
      name: `Phone …${number.slice(-4)}`,
    });
  });

  it('an answering machine (nothing pressed) never gets in', async () => {
    const { host, visitId } = await startedVisit();
    const number = callee();
    const { participantId } = (await host.post(`/visits/${visitId}/phone-calls`, { number })).body;
    const call = await ringing(number);
    await call.answer();
    const ended = await call.until((c: CallView) => c.state === 'ended', 'hung up', 20_000);
    expect(ended.inMeeting).toBe(false);
    const after = await until(host, visitId, participantId, (p) => p?.state === 'left');
    expect(after?.dialOut).toBe('no-answer');
  });

  it('busy, and unanswered: the provider sees which, and nobody joins', async () => {
    const { host, visitId } = await startedVisit();
    const busyNumber = callee();
    const busy = (await host.post(`/visits/${visitId}/phone-calls`, { number: busyNumber })).body;
    await (await ringing(busyNumber)).busy();
    expect(
      await until(host, visitId, busy.participantId, (p) => p?.state === 'left'),
    ).toMatchObject({ dialOut: 'busy' });

    const quietNumber = callee();
    const quiet = (await host.post(`/visits/${visitId}/phone-calls`, { number: quietNumber })).body;
    const call = await ringing(quietNumber);
    // Nobody picks up: it rings out (15 s on one machine).
    const ended = await call.until((c) => c.state === 'ended', 'rang out', 25_000);
    expect(ended.heard).toEqual([]);
    expect(
      await until(host, visitId, quiet.participantId, (p) => p?.state === 'left'),
    ).toMatchObject({ dialOut: 'no-answer' });
  });

  it('Remove while it rings withdraws the call', async () => {
    const { host, visitId } = await startedVisit();
    const number = callee();
    const { participantId } = (await host.post(`/visits/${visitId}/phone-calls`, { number })).body;
    const call = await ringing(number);
    await until(host, visitId, participantId, (p) => p?.dialOut === 'ringing');
    const removed = await host.post(`/visits/${visitId}/remove`, { participantId });
    expect(removed.status).toBe(200);
    await call.until((c) => c.state === 'ended', 'stopped ringing');
  });

  it('a call takes a place of the cap: with the visit full, calling is refused', async () => {
    const { host, visitId, links } = await startedVisit({ guests: 6 });
    const knocked = await Promise.all(links.map((l, i) => knock(l.token, 'Guest', `N${i}`)));
    const admitted = await host.post(`/visits/${visitId}/admit`, {
      participantIds: knocked.map((k) => k.participantId),
    });
    expect(admitted.status).toBe(200);
    const refused = await host.post(`/visits/${visitId}/phone-calls`, { number: callee() });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('visit.full');
  });

  it('refuses numbers abroad, premium-rate numbers and non-numbers, and limits calls per provider', async () => {
    const { host, visitId } = await startedVisit();
    for (const number of ['+44 20 7946 0958', '+1 900 555 0100', 'call me']) {
      const refused = await host.post(`/visits/${visitId}/phone-calls`, { number });
      expect(refused.status, number).toBe(400);
    }
    // Ten calls an hour (each turned away busy, so the cap does not stop them first).
    for (let i = 0; i < 10; i += 1) {
      const number = callee();
      const placed = await host.post(`/visits/${visitId}/phone-calls`, { number });
      expect(placed.status).toBe(200);
      await (await ringing(number)).busy();
      await until(host, visitId, placed.body.participantId, (p) => p?.state === 'left');
    }
    const eleventh = await host.post(`/visits/${visitId}/phone-calls`, { number: callee() });
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error.code).toBe('phone.dial_limit');
  });
});
