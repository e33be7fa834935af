import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../../helpers/api';
import { createUser } from '../../helpers/auth';
import { book, bookableProvider, newEmail, proveEmail, slotAt } from '../../helpers/booking';
import { mailTo, messagesTo } from '../../helpers/outbox';

describe('booking requests (new clients wait for the provider)', () => {
  let provider: { sub: string; email: string };
  beforeAll(async () => {
    provider = await bookableProvider({ newClients: 'request' });
  });

  it('holds the time, tells the client it is received, and sends the link only once approved', async () => {
    const email = newEmail();
    const startsAt = slotAt(6, 10);
    const requested = await book(provider.sub, {
      startsAt,
      proof: await proveEmail(provider.sub, email),
    });
    expect(requested.status).toBe(201);
    expect(requested.body.status).toBe('requested');
    expect(requested.body.joinUrl).toBeUndefined();
    const received = await mailTo(email, /^Request received/);
    expect(received.text).toContain(requested.body.manageUrl);
    expect(received.text).not.toMatch(/\/join\//);
    // The time is held: nobody else can book it.
    const other = await book(provider.sub, {
      startsAt,
      proof: await proveEmail(provider.sub, newEmail()),
    });
    expect(other.status).toBe(409);
    const id = requested.body.appointmentId;
    const seen = await apiAs(provider.email).get(`/appointments/${id}`);
    expect(seen.body).toMatchObject({ pendingApproval: true, bookedOnline: true });
    // Another provider cannot see it, let alone approve it.
    const stranger = await createUser('provider', { teletherapy: true });
    expect((await apiAs(stranger.email).post(`/appointments/${id}/approve`)).status).toBe(404);
    await new Promise((r) => setTimeout(r, 500));
    expect((await messagesTo(email)).some((m) => m.subject?.startsWith('Video visit'))).toBe(false);
    const approved = await apiAs(provider.email).post(`/appointments/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.pendingApproval).toBeUndefined();
    const confirmation = await mailTo(email, /^Video visit/);
    expect(confirmation.text).toMatch(/\/join\/[A-Za-z0-9_-]{43}/);
    expect((await apiAs(provider.email).post(`/appointments/${id}/approve`)).status).toBe(409);
  });

  it('a declined request frees the time and tells the client', async () => {
    const email = newEmail();
    const startsAt = slotAt(6, 14);
    const requested = await book(provider.sub, {
      startsAt,
      proof: await proveEmail(provider.sub, email),
    });
    const declined = await apiAs('frontdesk@demo.test').post(
      `/appointments/${requested.body.appointmentId}/decline`,
    );
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'cancelled', declined: true });
    const told = await mailTo(email, /^Not confirmed/);
    expect(told.text).not.toMatch(/\/join\//);
    const again = await book(provider.sub, {
      startsAt,
      proof: await proveEmail(provider.sub, newEmail()),
    });
    expect(again.status).toBe(201);
  });

  it('a known client books straight away even where new clients ask first', async () => {
    const created = await apiAs('frontdesk@demo.test').post('/clients', {
      firstName: 'Known',
      lastName: 'Booker',
      email: newEmail(),
    });
    const booked = await book(provider.sub, {
      startsAt: slotAt(7, 10),
      proof: await proveEmail(provider.sub, created.body.email),
    });
    expect(booked.status).toBe(201);
    expect(booked.body.status).toBe('booked');
    expect(booked.body.joinUrl).toMatch(/\/join\//);
  });
});
