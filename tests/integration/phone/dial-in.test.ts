import { describe, expect, it } from 'vitest';
import { apiAs, plusMinutes } from '../../helpers/api';
import { createUser } from '../../helpers/auth';
import { stack } from '../../helpers/local-stack';
import { newClient } from '../../helpers/people';
import { dial, heardLast } from '../../helpers/phone';
import { knock, openVisit } from '../../helpers/visits';

interface Person {
  participantId: string;
  kind: string;
  name: string;
  via: string;
  state: string;
}

/** A visit with one guest invited by email, started by its provider, and the guest's PIN. */
async function startedVisitWithPin() {
  const visit = await openVisit({ guests: 1 });
  const listed = await apiAs('frontdesk@demo.test').get(`/appointments/${visit.visitId}/invitees`);
  const guest = listed.body.invitees.find(
    (i: { inviteeId: string }) => i.inviteeId === visit.links[0]?.inviteeId,
  );
  await visit.host.post(`/appointments/${visit.visitId}/visit/start`);
  await visit.host.get(`/visits/${visit.visitId}/session`);
  return { ...visit, pin: String(guest.pin) };
}

async function phoneGuest(host: ReturnType<typeof apiAs>, visitId: string) {
  const visit = await host.get(`/visits/${visitId}`);
  return (visit.body.participants as Person[]).find((p) => p.via === 'phone');
}

/** A number of its own for each test: failures are counted per calling number. */
let line = 100;
const caller = () => {
  line += 1;
  return `+1555123${String(line).padStart(4, '0')}`;
};

describe('dialling in with a PIN', () => {
  it("an invitation's join link tells its holder the dial-in number and their own PIN", async () => {
    const { links, pin } = await startedVisitWithPin();
    const link = await apiAs(null).get(`/join/${links[0]?.token}`);
    expect(link.status).toBe(200);
    expect(link.body.phone.number).toBe('+1 202 555 0100');
    expect(link.body.phone.pin.replace(/\s/g, '')).toBe(pin);
  });

  it('a good PIN waits, outside any meeting, until Allow moves the caller into the call', async () => {
    const { host, visitId, pin } = await startedVisitWithPin();
    const from = caller();
    const call = await dial(from);
    await call.until((c) => c.listening, 'asked for the PIN');
    expect(heardLast(await call.view())).toMatch(/PIN/);
    await call.press(`${pin}#`);
    const waiting = await call.until((c) => /knows you are here/.test(heardLast(c)), 'waited');
    expect(waiting.inMeeting).toBe(false);
    expect(waiting.meetingId).toBeUndefined();

    const person = await phoneGuest(host, visitId);
    expect(person).toMatchObject({ state: 'waiting', name: `Phone guest …${from.slice(-4)}` });
    expect(JSON.stringify(person)).not.toContain(from);

    const admitted = await host.post(`/visits/${visitId}/admit`, {
      participantIds: [person?.participantId],
    });
    expect(admitted.status).toBe(200);
    const joined = await call.until((c) => c.inMeeting, 'joined the meeting');
    const session = await host.get(`/visits/${visitId}/session`);
    expect(joined.meetingId).toBe(session.body.Meeting.MeetingId);
    expect((await phoneGuest(host, visitId))?.state).toBe('admitted');
    await call.hangUp();
  });

  it('a wrong PIN gets two more tries, then a polite goodbye', async () => {
    const call = await dial(caller());
    await call.enter('00000000000', 3);
    const ended = await call.until((c) => c.state === 'ended', 'hung up');
    expect(heardLast(ended)).toMatch(/check your invitation/);
    expect(ended.heard.filter((h) => /did not match an invitation/.test(h))).toHaveLength(2);
  });

  it('a number that fails five times within the hour is asked to call the clinic and turned away', async () => {
    const from = caller();
    const first = await dial(from);
    await first.enter('11111111111', 3);
    await first.until((c) => c.state === 'ended', 'hung up');
    const second = await dial(from);
    await second.enter('22222222222', 2);
    const locked = await second.until((c) => c.state === 'ended', 'hung up');
    expect(heardLast(locked)).toMatch(/call the clinic/);
    const third = await dial(from);
    const away = await third.until((c) => c.state === 'ended', 'hung up');
    expect(away.heard).toEqual([expect.stringMatching(/call the clinic/)]);
    // The clinic's audit trail has each failure and the lockout, without number or digits.
    const audit = await apiAs('owner@demo.test').get(
      `/audit?from=${new Date(Date.now() - 600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`,
    );
    const mine = (audit.body.entries as { type: string; details?: { caller?: string } }[]).filter(
      (e) =>
        e.type.startsWith('phone.') &&
        e.details?.caller ===
          audit.body.entries.find((x: { type: string }) => x.type === 'phone.locked')?.details
            ?.caller,
    );
    expect(mine.filter((e) => e.type === 'phone.pin_failed')).toHaveLength(5);
    expect(mine.filter((e) => e.type === 'phone.locked')).toHaveLength(1);
    const trail = JSON.stringify(audit.body.entries);
    expect(trail).not.toContain(from.slice(1));
    expect(trail).not.toContain('11111111111');
    // Another number is not affected.
    const other = await dial(caller());
    await other.until((c) => c.listening, 'asked for the PIN');
    await other.hangUp();
  });

  it.each([
    ['Deny', 'deny', /could not let you in/],
    ['End visit', 'end', /visit has ended/],
  ] as const)('%s while waiting speaks a short sentence and hangs up', async (_, action, words) => {
    const { host, visitId, pin } = await startedVisitWithPin();
    const call = await dial(caller());
    await call.until((c) => c.listening, 'asked for the PIN');
    await call.press(`${pin}#`);
    await call.until((c) => /knows you are here/.test(heardLast(c)), 'waited');
    const person = await phoneGuest(host, visitId);
    const done =
      action === 'deny'
        ? await host.post(`/visits/${visitId}/deny`, { participantId: person?.participantId })
        : await host.post(`/visits/${visitId}/end`);
    expect(done.status).toBeLessThan(300);
    const ended = await call.until((c) => c.state === 'ended', 'hung up');
    expect(heardLast(ended)).toMatch(words);
  });

  it('Remove takes a caller out of the meeting and hangs up; calling again waits again', async () => {
    const { host, visitId, pin } = await startedVisitWithPin();
    const from = caller();
    const call = await dial(from);
    await call.until((c) => c.listening, 'asked for the PIN');
    await call.press(`${pin}#`);
    await call.until((c) => /knows you are here/.test(heardLast(c)), 'waited');
    const person = await phoneGuest(host, visitId);
    await host.post(`/visits/${visitId}/admit`, { participantIds: [person?.participantId] });
    await call.until((c) => c.inMeeting, 'joined the meeting');
    await host.post(`/visits/${visitId}/remove`, { participantId: person?.participantId });
    const removed = await call.until((c) => c.state === 'ended', 'hung up');
    expect(removed.inMeeting).toBe(false);
    expect(removed.heard.join(' ')).toMatch(/removed/);

    const again = await dial(from);
    await again.until((c) => c.listening, 'asked for the PIN');
    await again.press(`${pin}#`);
    await again.until((c) => /knows you are here/.test(heardLast(c)), 'waited again');
    expect((await phoneGuest(host, visitId))?.state).toBe('waiting');
    await again.hangUp();
    await expect
      .poll(async () => (await phoneGuest(host, visitId))?.state, { timeout: 5_000 })
      .toBe('left');
  });
});

describe('phone callers and link guests together', () => {
  it('20 knocks, 10 of them by phone, admitted at the same moment: exactly the cap is in, every caller let in is in the meeting', async () => {
    // Prepare: 20 invited guests; the first 10 call in with their PINs, the others knock by link.
    const { host, visitId, links } = await openVisit({ guests: 20 });
    const listed = await apiAs('frontdesk@demo.test').get(`/appointments/${visitId}/invitees`);
    const pinOf = (inviteeId: string) =>
      String(
        listed.body.invitees.find((i: { inviteeId: string }) => i.inviteeId === inviteeId)?.pin,
      );
    await host.post(`/appointments/${visitId}/visit/start`);
    await host.get(`/visits/${visitId}/session`);
    const calls = await Promise.all(
      links.slice(0, 10).map(async (link) => {
        const call = await dial(caller());
        await call.until((c) => c.listening, 'asked for the PIN');
        await call.press(`${pinOf(link.inviteeId)}#`);
        await call.until((c) => /knows you are here/.test(heardLast(c)), 'waited');
        return call;
      }),
    );
    await Promise.all(links.slice(10).map((l, i) => knock(l.token, 'Link', `Guest${i}`)));
    const waiting = ((await host.get(`/visits/${visitId}`)).body.participants as Person[]).filter(
      (p) => p.state === 'waiting',
    );
    expect(waiting).toHaveLength(20);
    // Act: twenty Allow clicks at once.
    const results = await Promise.all(
      waiting.map((p) =>
        host.post(`/visits/${visitId}/admit`, { participantIds: [p.participantId] }),
      ),
    );
    // Assess: the cap (6) holds across both ways in; each caller let in reaches the meeting,
    // each one kept out stays on hold, outside it.
    expect(results.filter((r) => r.status === 200)).toHaveLength(6);
    const after = (await host.get(`/visits/${visitId}`)).body.participants as Person[];
    const admittedByPhone = after.filter((p) => p.via === 'phone' && p.state === 'admitted');
    expect(after.filter((p) => p.kind === 'guest' && p.state === 'admitted')).toHaveLength(6);
    await expect
      .poll(
        async () =>
          (await Promise.all(calls.map((c) => c.view()))).filter((v) => v.inMeeting).length,
        {
          timeout: 15_000,
        },
      )
      .toBe(admittedByPhone.length);
    const views = await Promise.all(calls.map((c) => c.view()));
    expect(views.every((v) => v.state === 'in-progress')).toBe(true);
    await Promise.all(calls.map((c) => c.hangUp()));
  });
});

describe('a PIN outside its window', () => {
  it('early: hears when the visit opens, and is hung up on; late: hears that it is over', async () => {
    // Prepare: a guest invited to a visit two hours from now.
    const provider = await createUser('provider', { teletherapy: true, displayName: 'Dr. Early' });
    const clientId = await newClient('Early');
    const frontDesk = apiAs('frontdesk@demo.test');
    const startsAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const appointment = (
      await frontDesk.post('/appointments', {
        providerId: provider.sub,
        clientId,
        startsAt,
        endsAt: plusMinutes(startsAt, 30),
        video: true,
      })
    ).body.appointments[0];
    const listed = await frontDesk.post(`/appointments/${appointment.id}/invitees`, {
      phone: '+12025550188',
    });
    const pin = String(
      listed.body.invitees.find((i: { phone?: string }) => i.phone === '+12025550188').pin,
    );
    // Act and assess: too early.
    const early = await dial(caller());
    await early.until((c) => c.listening, 'asked for the PIN');
    await early.press(`${pin}#`);
    const told = await early.until((c) => c.state === 'ended', 'hung up');
    expect(heardLast(told)).toMatch(/Your visit opens on \w+day at \d+:\d\d [AP]M/);
    // Too late: the clock moved past the end and the grace.
    await stack().setClockOffset(3 * 3_600_000 + 5 * 60_000);
    try {
      const late = await dial(caller());
      await late.until((c) => c.listening, 'asked for the PIN');
      await late.press(`${pin}#`);
      const over = await late.until((c) => c.state === 'ended', 'hung up');
      expect(heardLast(over)).toMatch(/over/);
    } finally {
      await stack().setClockOffset(0);
    }
  });
});
