import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, requestFrom } from '../../helpers/api';
import { createUser } from '../../helpers/auth';
import {
  book,
  bookableProvider,
  codeSentTo,
  freshAddress,
  idempotencyKey,
  newEmail,
  openSettings,
  proveEmail,
  slotAt,
} from '../../helpers/booking';
import { messagesTo } from '../../helpers/outbox';

const frontDesk = () => apiAs('frontdesk@demo.test');

async function scheduleOf(providerId: string) {
  const from = encodeURIComponent(slotAt(-1, 0));
  const to = encodeURIComponent(slotAt(31, 0));
  const answer = await frontDesk().get(`/schedule?from=${from}&to=${to}&providerId=${providerId}`);
  return answer.body.appointments as {
    id: string;
    clientId: string;
    startsAt: string;
    endsAt: string;
    status: string;
    bookedOnline?: boolean;
  }[];
}

async function waitFor<T>(find: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const found = await find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen`);
}

describe('booking settings', () => {
  it('a provider sets their own; an owner may set anyone’s; staff and other providers may not', async () => {
    const provider = await createUser('provider', { teletherapy: true });
    const other = await createUser('provider', { teletherapy: true });
    const path = `/providers/${provider.sub}/booking-settings`;
    const defaults = await apiAs(provider.email).get(path);
    expect(defaults.status).toBe(200);
    expect(defaults.body).toMatchObject({
      enabled: false,
      providerId: provider.sub,
      teletherapy: true,
    });
    expect((await apiAs(provider.email).put(path, openSettings)).status).toBe(200);
    expect((await apiAs('owner@demo.test').put(path, openSettings)).status).toBe(200);
    expect((await apiAs(other.email).put(path, openSettings)).status).toBe(403);
    expect((await frontDesk().put(path, openSettings)).status).toBe(403);
  });

  it('refuses bad hours and a provider without teletherapy, and changes nothing', async () => {
    const provider = await createUser('provider', { teletherapy: true });
    const path = `/providers/${provider.sub}/booking-settings`;
    const bad = await apiAs(provider.email).put(path, {
      ...openSettings,
      weekly: [{ weekday: 1, hours: [{ start: '17:00', end: '09:00' }] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation.failed');
    const inPerson = await createUser('provider', { teletherapy: false });
    const refused = await apiAs('owner@demo.test').put(
      `/providers/${inPerson.sub}/booking-settings`,
      openSettings,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('teletherapy.not_enabled');
    expect((await apiAs(provider.email).get(path)).body.enabled).toBe(false);
  });
});

describe('the public page', () => {
  let providerId: string;
  beforeAll(async () => {
    providerId = (await bookableProvider({ bufferAfterMinutes: 10 })).sub;
  });

  it('shows the provider’s name and visit types, and nothing for a provider who takes no bookings', async () => {
    const page = await requestFrom(freshAddress(), 'GET', `/book/${providerId}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      provider: { id: providerId, displayName: 'Dr. Online' },
      timeZone: 'UTC',
      visitTypes: [
        { id: 'session-50', minutes: 50 },
        { id: 'consult-30', minutes: 30 },
      ],
    });
    const off = await createUser('provider', { teletherapy: true });
    const none = await requestFrom(freshAddress(), 'GET', `/book/${off.sub}`);
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('booking.not_found');
  });

  it('lists free slots without the time an appointment and its buffer take', async () => {
    const start = slotAt(3, 10);
    const email = newEmail();
    const booked = await book(providerId, {
      startsAt: start,
      proof: await proveEmail(providerId, email),
    });
    expect(booked.status).toBe(201);
    const from = encodeURIComponent(slotAt(3, 8));
    const to = encodeURIComponent(slotAt(3, 13));
    const listed = await requestFrom(
      freshAddress(),
      'GET',
      `/book/${providerId}/slots?typeId=consult-30&from=${from}&to=${to}`,
    );
    expect(listed.status).toBe(200);
    const starts = (listed.body.slots as { startsAt: string }[]).map((s) =>
      s.startsAt.slice(11, 16),
    );
    // 10:00–10:50 and 10 minutes after: a 30-minute visit (with its own 10 after) ends by 09:50
    // or starts at 11:00.
    expect(starts).toContain('09:15');
    expect(starts).not.toContain('09:30');
    expect(starts).not.toContain('10:45');
    expect(starts).toContain('11:00');
  });
});

describe('booking as a new and as a known client', () => {
  let providerId: string;
  beforeAll(async () => {
    providerId = (await bookableProvider()).sub;
  });

  it('a new client books: the clinic has one client record, staff see it booked online, the client gets a confirmation with the calendar event and the manage link', async () => {
    const email = newEmail();
    const proof = await proveEmail(providerId, email);
    const first = await book(providerId, {
      startsAt: slotAt(4, 9),
      proof,
      phone: '+12025550187',
      timeZone: 'America/Los_Angeles',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ providerName: 'Dr. Online', newClient: true });
    expect(first.body.joinUrl).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
    expect(first.body.manageUrl).toMatch(/\/book\/manage\/[A-Za-z0-9_-]{43}$/);
    const second = await book(providerId, { startsAt: slotAt(5, 9), proof });
    expect(second.status).toBe(201);
    expect(second.body.newClient).toBe(false);
    const mine = (await scheduleOf(providerId)).filter((a) =>
      [first.body.appointmentId, second.body.appointmentId].includes(a.id),
    );
    expect(mine).toHaveLength(2);
    expect(mine.every((a) => a.bookedOnline)).toBe(true);
    expect(new Set(mine.map((a) => a.clientId)).size).toBe(1);
    const found = await frontDesk().post('/clients/search', { q: email });
    expect(found.body.clients).toHaveLength(1);
    // Staff see what it was booked as, and the client's zone.
    const seen = await frontDesk().get(`/appointments/${first.body.appointmentId}`);
    expect(seen.body).toMatchObject({
      visitType: { id: 'session-50', name: 'Video session' },
      bookerTimeZone: 'America/Los_Angeles',
    });
    // The confirmation, from the table's stream: the join link, the event, the manage link.
    const confirmation = await waitFor(
      async () =>
        (await messagesTo(email)).find(
          (m) => m.subject?.startsWith('Video visit') && m.text.includes(first.body.manageUrl),
        ),
      'the confirmation',
    );
    expect(confirmation.text).toContain(first.body.joinUrl);
    // Said as the client booked it: in the zone they read the times in, and booked, not invited.
    expect(confirmation.text).toMatch(/1:00 AM – 1:50 AM P[SD]T/);
    expect(confirmation.text).toContain('Your video visit with Dr. Online is booked.');
    const ics = confirmation.attachments.find((a) => a.filename.endsWith('.ics'))?.content ?? '';
    expect(ics).toContain(`UID:${first.body.appointmentId}@televisit`);
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    expect(ics).not.toContain('Robin');
    // The first booking's SMS (the second, booked without a zone, goes to the same phone).
    const sms = await waitFor(
      async () =>
        (await messagesTo('+12025550187')).find(
          (m) => m.kind === 'sms' && m.text.includes(first.body.joinUrl),
        ),
      'the SMS',
    );
    expect(sms.text).not.toContain('Robin');
    expect(sms.text).toMatch(/1:00 AM P[SD]T/);
  });

  it('an existing client proves their email and books under their own record', async () => {
    const created = await frontDesk().post('/clients', {
      firstName: 'Known',
      lastName: 'Client',
      email: newEmail(),
    });
    const email = created.body.email as string;
    const proof = await proveEmail(providerId, email);
    const booked = await book(providerId, {
      startsAt: slotAt(6, 9),
      proof,
      firstName: undefined,
      lastName: undefined,
    });
    expect(booked.status).toBe(201);
    const entry = (await scheduleOf(providerId)).find((a) => a.id === booked.body.appointmentId);
    expect(entry?.clientId).toBe(created.body.id);
  });

  it('refuses a new client who gave no name, a forged proof, a slot outside the hours, and books nothing', async () => {
    const proof = await proveEmail(providerId, newEmail());
    const before = (await scheduleOf(providerId)).length;
    const noName = await book(providerId, {
      startsAt: slotAt(7, 9),
      proof,
      firstName: undefined,
      lastName: undefined,
    });
    expect(noName.status).toBe(400);
    expect(noName.body.error.fields).toHaveProperty('firstName');
    const forged = await book(providerId, { startsAt: slotAt(7, 9), proof: `${proof}x` });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('booking.unverified');
    const offGrid = await book(providerId, { startsAt: slotAt(7, 9, 7), proof });
    expect(offGrid.status).toBe(409);
    expect(offGrid.body.error.code).toBe('appointment.conflict');
    expect((await scheduleOf(providerId)).length).toBe(before);
  });

  it('new clients cannot book where the provider takes known clients only', async () => {
    const closed = await bookableProvider({ newClients: 'off' });
    const proof = await proveEmail(closed.sub, newEmail());
    const refused = await book(closed.sub, { startsAt: slotAt(4, 9), proof });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('booking.new_clients_off');
  });
});

describe('one-time codes', () => {
  let providerId: string;
  beforeAll(async () => {
    providerId = (await bookableProvider()).sub;
  });

  it('six digits, in an email that says nothing about the provider or a visit; five wrong tries end it', async () => {
    const email = newEmail();
    const sent = await requestFrom(freshAddress(), 'POST', `/book/${providerId}/codes`, { email });
    expect(sent.status).toBe(202);
    const code = await codeSentTo(email);
    expect(code).toMatch(/^\d{6}$/);
    const mail = (await messagesTo(email))[0];
    expect(mail?.text).not.toContain('Dr. Online');
    const wrong = code === '000000' ? '111111' : '000000';
    const tries = [];
    for (let i = 0; i < 5; i += 1)
      tries.push(
        await requestFrom(freshAddress(), 'POST', `/book/${providerId}/codes/check`, {
          email,
          code: wrong,
        }),
      );
    expect(tries.map((t) => t.status)).toEqual([400, 400, 400, 400, 400]);
    expect(tries[0]?.body.error.code).toBe('booking.code_invalid');
    const late = await requestFrom(freshAddress(), 'POST', `/book/${providerId}/codes/check`, {
      email,
      code,
    });
    expect(late.status).toBe(400);
    expect(late.body.error.message).toBe(
      'This code no longer works after 5 wrong tries. Ask for a new one.',
    );
  });

  it('the code of an earlier email is told apart from a wrong one, and costs no try', async () => {
    const email = newEmail();
    const send = () => requestFrom(freshAddress(), 'POST', `/book/${providerId}/codes`, { email });
    const codeMails = async () =>
      (await messagesTo(email)).filter((m) => /is your .* code/.test(m.subject ?? ''));
    expect((await send()).status).toBe(202);
    const older = await codeSentTo(email);
    expect((await send()).status).toBe(202);
    await expect.poll(async () => (await codeMails()).length).toBe(2);
    const newer = await codeSentTo(email);
    const check = (code: string) =>
      requestFrom(freshAddress(), 'POST', `/book/${providerId}/codes/check`, { email, code });
    // One chance in a million that both emails carry the same six digits.
    if (older !== newer) {
      for (let i = 0; i < 5; i += 1) {
        const told = await check(older);
        expect(told.status).toBe(400);
        expect(told.body.error.message).toBe(
          'A newer code was sent since this one. Use the code in the newest email.',
        );
      }
    }
    expect((await check(newer)).status).toBe(200);
  });

  it('a right code works once', async () => {
    const email = newEmail();
    await requestFrom(freshAddress(), 'POST', `/book/${providerId}/codes`, { email });
    const code = await codeSentTo(email);
    const check = () =>
      requestFrom(freshAddress(), 'POST', `/book/${providerId}/codes/check`, { email, code });
    const first = await check();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ knownClient: false, proof: expect.any(String) });
    expect((await check()).status).toBe(400);
  });

  it('at most five codes an hour to one address (429 with Retry-After)', async () => {
    const email = newEmail();
    const answers = [];
    for (let i = 0; i < 6; i += 1)
      answers.push(
        await requestFrom(freshAddress(), 'POST', `/book/${providerId}/codes`, { email }),
      );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 429]);
    expect(answers[5]?.body.error.code).toBe('booking.too_many_codes');
    expect(Number(answers[5]?.retryAfter)).toBeGreaterThan(0);
  });

  it('a robot that fills the hidden field is told the code went, and nothing is sent', async () => {
    const email = newEmail();
    const sent = await requestFrom(freshAddress(), 'POST', `/book/${providerId}/codes`, {
      email,
      website: 'http://spam.example',
    });
    expect(sent.status).toBe(202);
    await new Promise((r) => setTimeout(r, 500));
    expect(await messagesTo(email)).toHaveLength(0);
  });
});

describe('a client signed in to the portal', () => {
  it('books as themselves without a code; staff, contacts and nobody cannot', async () => {
    const provider = await bookableProvider();
    const path = `/book/${provider.sub}/portal-bookings`;
    const body = { typeId: 'consult-30', startsAt: slotAt(8, 9), idempotencyKey: idempotencyKey() };
    const booked = await apiAs('pat@demo.test').post(path, body);
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ status: 'booked', newClient: false });
    const entry = (await scheduleOf(provider.sub)).find((a) => a.id === booked.body.appointmentId);
    expect(entry?.clientId).toBe('c1a7e0f2-5b1d-4c8e-9a57-0b1f6e2d4c11');
    expect(entry?.bookedOnline).toBe(true);
    const again = { ...body, idempotencyKey: idempotencyKey() };
    expect((await apiAs('pat@demo.test').post(path, again)).status).toBe(409);
    expect((await frontDesk().post(path, again)).status).toBe(403);
    expect((await apiAs('sam@demo.test').post(path, again)).status).toBe(403);
    expect((await apiAs(null).post(path, again)).status).toBe(401);
  });
});

describe('where the clinic gives online bookings the client’s personal room', () => {
  const owner = () => apiAs('owner@demo.test');
  beforeAll(async () => {
    expect((await owner().patch('/settings', { onlineBookingVideo: 'personal-room' })).status).toBe(
      200,
    );
  });
  afterAll(async () => {
    await owner().patch('/settings', { onlineBookingVideo: 'generated' });
  });

  it('a new client’s room is made with the booking, and their next booking joins the same room', async () => {
    const provider = await bookableProvider();
    const email = newEmail();
    const proof = await proveEmail(provider.sub, email);
    const first = await book(provider.sub, { startsAt: slotAt(9, 9), proof });
    const second = await book(provider.sub, { startsAt: slotAt(10, 9), proof });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.joinUrl).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
    expect(second.body.joinUrl).toBe(first.body.joinUrl);
    const found = await frontDesk().post('/clients/search', { q: email });
    const client = found.body.clients[0];
    expect(client.personalRoomId).toEqual(expect.any(String));
    const lookup = await requestFrom(
      freshAddress(),
      'GET',
      `/join/${String(first.body.joinUrl).split('/join/')[1]}`,
    );
    expect(lookup.status).toBe(200);
  });

  it('an existing client without a room gets one; with one, the booking uses it', async () => {
    const provider = await bookableProvider();
    const created = await frontDesk().post('/clients', {
      firstName: 'Roomy',
      lastName: 'Client',
      email: newEmail(),
    });
    const proof = await proveEmail(provider.sub, created.body.email);
    const first = await book(provider.sub, { startsAt: slotAt(9, 11), proof });
    expect(first.status).toBe(201);
    const client = await frontDesk().get(`/clients/${created.body.id}`);
    expect(client.body.personalRoomId).toEqual(expect.any(String));
    const second = await book(provider.sub, { startsAt: slotAt(9, 13), proof });
    expect(second.body.joinUrl).toBe(first.body.joinUrl);
  });
});
