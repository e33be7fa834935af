import { AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { apiAs, at, plusMinutes } from '../../helpers/api';
import { createUser, demoPassword } from '../../helpers/auth';
import { localClients } from '../../helpers/aws';
import { stack } from '../../helpers/local-stack';
import { newClient } from '../../helpers/people';

const frontDesk = () => apiAs('frontdesk@demo.test');

describe('no double booking, even under races', () => {
  it('of 24 overlapping bookings sent at the same moment, exactly one succeeds; the rest get appointment.conflict', async () => {
    // Prepare: a provider of our own and 24 different clients, all wanting overlapping times.
    const provider = await createUser('provider', { teletherapy: true, displayName: 'Dr. Race' });
    const clients = await Promise.all(Array.from({ length: 24 }, () => newClient('Racer')));
    const start = at(30, 15);
    // Act: all at once, each overlapping the others by at least 25 minutes.
    const results = await Promise.all(
      clients.map((clientId, i) =>
        frontDesk().post('/appointments', {
          providerId: provider.sub,
          clientId,
          startsAt: plusMinutes(start, i % 3),
          endsAt: plusMinutes(start, 50 + (i % 5)),
          video: i % 2 === 0,
        }),
      ),
    );
    // Assess
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(23);
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.body.error.code).toBe('appointment.conflict');
    }
    const schedule = await frontDesk().get(
      `/schedule?from=${encodeURIComponent(at(29, 0))}&to=${encodeURIComponent(at(32, 0))}&providerId=${provider.sub}`,
    );
    expect(schedule.body.appointments).toHaveLength(1);
  });

  it('of 24 bookings of separate slots on one provider day sent at the same moment, every one succeeds', async () => {
    // Prepare: one provider, 24 clients, 24 back-to-back 10-minute slots on the same UTC day.
    const provider = await createUser('provider', { displayName: 'Dr. Busy Day' });
    const clients = await Promise.all(Array.from({ length: 24 }, () => newClient('Slot')));
    const start = at(33, 8);
    // Act: all at once; each write touches the same day index, so all but one lose each round.
    const results = await Promise.all(
      clients.map((clientId, i) =>
        frontDesk().post('/appointments', {
          providerId: provider.sub,
          clientId,
          startsAt: plusMinutes(start, 10 * i),
          endsAt: plusMinutes(start, 10 * i + 10),
        }),
      ),
    );
    // Assess: nobody is turned away for a slot nobody else wanted.
    expect(
      results.filter((r) => r.status !== 201).map((r) => r.body.error?.code),
      'refused',
    ).toEqual([]);
    const schedule = await frontDesk().get(
      `/schedule?from=${encodeURIComponent(at(33, 0))}&to=${encodeURIComponent(at(34, 0))}&providerId=${provider.sub}`,
    );
    expect(schedule.body.appointments).toHaveLength(24);
  });

  it('books back-to-back appointments sent at once, and still refuses the one overlapping both', async () => {
    const provider = await createUser('provider', { displayName: 'Dr. Adjacent' });
    const client = await newClient();
    const nine = at(31, 14);
    const requests = [
      { startsAt: nine, endsAt: plusMinutes(nine, 30) },
      { startsAt: plusMinutes(nine, 30), endsAt: plusMinutes(nine, 60) },
      { startsAt: plusMinutes(nine, 60), endsAt: plusMinutes(nine, 90) },
      { startsAt: plusMinutes(nine, 20), endsAt: plusMinutes(nine, 40) },
    ];
    const results = await Promise.all(
      requests.map((r) =>
        frontDesk().post('/appointments', { providerId: provider.sub, clientId: client, ...r }),
      ),
    );
    const booked = results.filter((r) => r.status === 201).length;
    // The overlapping one takes at most one of the two slots it touches.
    expect(booked).toBeGreaterThanOrEqual(2);
    expect(booked).toBeLessThanOrEqual(3);
    const schedule = await frontDesk().get(
      `/schedule?from=${encodeURIComponent(at(30, 0))}&to=${encodeURIComponent(at(33, 0))}&providerId=${provider.sub}`,
    );
    const slots = schedule.body.appointments
      .map((a: { startsAt: string; endsAt: string }) => [
        Date.parse(a.startsAt),
        Date.parse(a.endsAt),
      ])
      .sort((a: number[], b: number[]) => (a[0] ?? 0) - (b[0] ?? 0));
    for (let i = 1; i < slots.length; i += 1)
      expect(slots[i][0]).toBeGreaterThanOrEqual(slots[i - 1][1]);
  });

  it('moving two appointments into the same free slot at once: one moves, the other gets appointment.conflict', async () => {
    const provider = await createUser('provider', { displayName: 'Dr. Mover' });
    const client = await newClient();
    const a = await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client,
      startsAt: at(32, 13),
      endsAt: at(32, 14),
    });
    const b = await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client,
      startsAt: at(32, 15),
      endsAt: at(32, 16),
    });
    const target = { startsAt: at(32, 18), endsAt: at(32, 19) };
    const moves = await Promise.all(
      [a, b].map((r) => frontDesk().patch(`/appointments/${r.body.appointments[0].id}`, target)),
    );
    expect(moves.map((m) => m.status).sort()).toEqual([200, 409]);
  });

  it('creates one personal room per client when two requests ask for it at once', async () => {
    const client = await newClient();
    const [first, second] = await Promise.all([
      frontDesk().post(`/clients/${client}/personal-room`, { title: 'Room A' }),
      frontDesk().post(`/clients/${client}/personal-room`, { title: 'Room B' }),
    ]);
    expect(first?.status).toBe(200);
    expect(second?.status).toBe(200);
    expect(first?.body.id).toBe(second?.body.id);
    expect(first?.body.url).toBe(second?.body.url);
  });

  it('never leaves the clinic without an owner when two owners demote each other at once', async () => {
    // Prepare: a second owner, invited through the API (which counts owners), with a password.
    const owner = apiAs('owner@demo.test');
    const email = `second.owner.${Date.now()}@example.com`;
    const invited = await owner.post('/users', {
      email,
      displayName: 'Second Owner',
      role: 'owner',
    });
    expect(invited.status).toBe(201);
    await localClients().cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: stack().userPoolId,
        Username: email,
        Password: demoPassword,
        Permanent: true,
      }),
    );
    const users = (await owner.get('/users')).body.users as { sub: string; email: string }[];
    const first = users.find((u) => u.email === 'owner@demo.test');
    // Act: each demotes the other at the same moment.
    const results = await Promise.all([
      owner.patch(`/users/${invited.body.sub}`, { role: 'manager' }),
      apiAs(email).patch(`/users/${first?.sub}`, { role: 'manager' }),
    ]);
    // Assess: one change went through and the other was refused, either because the owner count
    // would reach zero (409) or because its sender was no longer an owner when it arrived (403).
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = results.find((r) => r.status !== 200);
    expect([403, 409]).toContain(refused?.status);
    expect(refused?.body.error.code).toMatch(/^user\.(last_owner|changed|owner_only)$/);
    const owners = (
      (await apiAs('manager@demo.test').get('/users')).body.users as {
        role: string;
        status: string;
      }[]
    ).filter((u) => u.role === 'owner' && u.status === 'active');
    expect(owners).toHaveLength(1);
    // Clean up: owner@demo.test is the owner again and the second owner is gone, as other tests expect.
    if (results[1]?.status === 200) {
      await apiAs(email).patch(`/users/${first?.sub}`, { role: 'owner' });
      await owner.patch(`/users/${invited.body.sub}`, { role: 'manager' });
    }
    await owner.patch(`/users/${invited.body.sub}`, { status: 'disabled' });
  });
});
