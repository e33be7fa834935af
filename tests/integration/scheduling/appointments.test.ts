import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenHash } from '../../../functions/links/tokens';
import { apiAs, at, plusMinutes } from '../../helpers/api';
import { createUser } from '../../helpers/auth';
import { localClients } from '../../helpers/aws';
import { stack } from '../../helpers/local-stack';
import { demoPeople, newClient } from '../../helpers/people';

const frontDesk = () => apiAs('frontdesk@demo.test');

async function calendar(providerId: string, fromDays: number, toDays: number) {
  const query = `from=${encodeURIComponent(at(fromDays, 0))}&to=${encodeURIComponent(at(toDays, 0))}&providerId=${providerId}`;
  return (await frontDesk().get(`/schedule?${query}`)).body.appointments as {
    id: string;
    startsAt: string;
    status: string;
  }[];
}

async function linkItem(url: string) {
  const token = url.split('/join/')[1] ?? '';
  const result = await localClients().documents.send(
    new GetCommand({
      TableName: stack().tables.TABLE_GUEST_LINKS,
      Key: { pk: `LINK#${tokenHash(token)}`, sk: 'LINK' },
    }),
  );
  return result.Item;
}

describe('appointments', () => {
  let provider: { sub: string };
  beforeAll(async () => {
    provider = await createUser('provider', { teletherapy: true, displayName: 'Dr. Appointments' });
  });

  it('refuses bad input with a 400 naming the field, and books nothing', async () => {
    const client = await newClient();
    const good = {
      providerId: provider.sub,
      clientId: client,
      startsAt: at(40, 15),
      endsAt: at(40, 16),
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, endsAt: at(40, 14) }, 'endsAt'],
      [{ ...good, clientId: 'no-such-client-123' }, 'clientId'],
      [{ ...good, startsAt: '2026-13-45T99:00' }, 'startsAt'],
      [{ ...good, reason: 'x'.repeat(20_000) }, 'reason'],
      [{ ...good, repeatWeeks: 99 }, 'repeatWeeks'],
      [{ ...good, video: 'yes' }, 'video'],
      [{ ...good, providerId: 'nobody-at-all-1' }, 'providerId'],
      [{ ...good, surprise: true }, 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await frontDesk().post('/appointments', body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(Object.keys(response.body.error.fields ?? { body: '' }).join(','), field).toContain(
        field,
      );
    }
    const malformed = await frontDesk().call('POST', '/appointments', '{"providerId": ', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('request.malformed');
    expect(await calendar(provider.sub, 39, 42)).toEqual([]);
  });

  it('refuses a video session for a provider without the teletherapy permission, and says why', async () => {
    const { kimId } = await demoPeople();
    const client = await newClient();
    const response = await frontDesk().post('/appointments', {
      providerId: kimId,
      clientId: client,
      startsAt: at(41, 15),
      endsAt: at(41, 16),
      video: true,
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('teletherapy.not_enabled');
    expect(response.body.error.message).toContain('Dr. Sung Kim');
    const inPerson = await frontDesk().post('/appointments', {
      providerId: kimId,
      clientId: client,
      startsAt: at(41, 15),
      endsAt: at(41, 16),
    });
    expect(inPerson.status).toBe(201);
    const converted = await frontDesk().patch(`/appointments/${inPerson.body.appointments[0].id}`, {
      video: true,
    });
    expect(converted.status).toBe(403);
    expect(converted.body.error.code).toBe('teletherapy.not_enabled');
  });

  it('keeps video appointments editable after the provider loses teletherapy, but adds no new ones', async () => {
    // Prepare: two video appointments of a provider whose permission is then turned off.
    const revoked = await createUser('provider', { teletherapy: true, displayName: 'Dr. Off' });
    const client = await newClient();
    const book = (day: number) =>
      frontDesk().post('/appointments', {
        providerId: revoked.sub,
        clientId: client,
        startsAt: at(day, 15),
        endsAt: at(day, 16),
        video: true,
      });
    const first = (await book(52)).body.appointments[0];
    const second = (await book(53)).body.appointments[0];
    const leesVideo = (
      await frontDesk().post('/appointments', {
        providerId: provider.sub,
        clientId: client,
        startsAt: at(54, 15),
        endsAt: at(54, 16),
        video: true,
      })
    ).body.appointments[0];
    const manager = apiAs('manager@demo.test');
    expect((await manager.patch(`/users/${revoked.sub}`, { teletherapy: false })).status).toBe(200);
    const edit = (id: string, patch: Record<string, unknown>) =>
      frontDesk().patch(`/appointments/${id}`, patch);
    // Act and assess: notes, a move and the conversion to in person go through; the video stays.
    const noted = await edit(first.id, { notes: 'Bring the forms' });
    expect(noted.status).toBe(200);
    expect(noted.body).toMatchObject({ video: true, notes: 'Bring the forms' });
    expect(noted.body.videoLink).toBe(first.videoLink);
    const moved = await edit(first.id, { startsAt: at(52, 17), endsAt: at(52, 18) });
    expect(moved.status).toBe(200);
    expect(moved.body.video).toBe(true);
    const inPerson = await edit(second.id, { video: false });
    expect(inPerson.status).toBe(200);
    expect(inPerson.body.video).toBe(false);
    expect((await frontDesk().post(`/appointments/${first.id}/cancel`)).status).toBe(200);
    // Switching video back on, or giving a video appointment to this provider, is refused.
    const backOn = await edit(second.id, { video: true });
    expect(backOn.status).toBe(403);
    expect(backOn.body.error.code).toBe('teletherapy.not_enabled');
    const handedOver = await edit(leesVideo.id, { providerId: revoked.sub });
    expect(handedOver.status).toBe(403);
    expect(handedOver.body.error.code).toBe('teletherapy.not_enabled');
    const handedInPerson = await edit(leesVideo.id, { providerId: revoked.sub, video: false });
    expect(handedInPerson.status).toBe(200);
  });

  it('converts an in-person appointment into a video session with a generated link that expires at end plus grace', async () => {
    const client = await newClient();
    const created = await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client,
      startsAt: at(42, 15),
      endsAt: at(42, 16),
    });
    const appointment = created.body.appointments[0];
    expect(appointment.videoLink).toBeUndefined();
    const converted = await frontDesk().patch(`/appointments/${appointment.id}`, {
      video: true,
      expectedVersion: appointment.version,
    });
    expect(converted.status).toBe(200);
    expect(converted.body.video).toBe(true);
    expect(converted.body.videoLink).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
    const link = await linkItem(converted.body.videoLink);
    expect(link?.expiresAt).toBe(Math.floor(Date.parse(at(42, 16)) / 1000) + 30 * 60);
    expect(JSON.stringify(link)).not.toContain(converted.body.videoLink.split('/join/')[1]);
    const stale = await frontDesk().patch(`/appointments/${appointment.id}`, {
      notes: 'x',
      expectedVersion: appointment.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('appointment.changed');
  });

  it('cancelling frees the time and revokes the link at once', async () => {
    const client = await newClient();
    const created = await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client,
      startsAt: at(43, 15),
      endsAt: at(43, 16),
      video: true,
    });
    const appointment = created.body.appointments[0];
    const cancelled = await frontDesk().post(`/appointments/${appointment.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await linkItem(appointment.videoLink))?.revokedAt).toBeTruthy();
    const rebooked = await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client,
      startsAt: at(43, 15),
      endsAt: at(43, 16),
    });
    expect(rebooked.status).toBe(201);
    const edit = await frontDesk().patch(`/appointments/${appointment.id}`, { notes: 'too late' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('appointment.not_editable');
  });

  it('repeats weekly at the same local time in the clinic zone, across the daylight-saving change', async () => {
    // Prepare: the Monday before the US change in early November next year, 10:00 New York (EDT).
    const client = await newClient();
    const year = new Date().getUTCFullYear() + 1;
    const firstSundayOfNovember = [1, 2, 3, 4, 5, 6, 7]
      .map((d) => new Date(Date.UTC(year, 10, d)))
      .find((d) => d.getUTCDay() === 0) as Date;
    const monday = new Date(firstSundayOfNovember.getTime() - 6 * 86_400_000);
    const startsAt = new Date(monday.getTime() + 14 * 3_600_000).toISOString();
    // Act
    const created = await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client,
      startsAt,
      endsAt: plusMinutes(startsAt, 50),
      repeatWeeks: 3,
    });
    // Assess: 14:00Z (10:00 EDT), then 15:00Z (10:00 EST) twice, all in one series.
    expect(created.status).toBe(201);
    const starts = created.body.appointments.map((a: { startsAt: string }) =>
      a.startsAt.slice(11, 16),
    );
    expect(starts).toEqual(['14:00', '15:00', '15:00']);
    expect(
      new Set(created.body.appointments.map((a: { seriesId: string }) => a.seriesId)).size,
    ).toBe(1);
  });

  it('refuses a whole series when one week clashes, and books none of it', async () => {
    const client = await newClient();
    await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client,
      startsAt: at(58, 15),
      endsAt: at(58, 16),
    });
    const series = await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client,
      startsAt: at(44, 15),
      endsAt: at(44, 16),
      repeatWeeks: 4,
    });
    expect(series.status).toBe(409);
    expect(await calendar(provider.sub, 44, 45)).toEqual([]);
  });

  it('reuses the client personal room for every appointment that chooses it', async () => {
    const client = await newClient();
    const first = await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client,
      startsAt: at(46, 15),
      endsAt: at(46, 16),
      video: true,
      videoOption: { kind: 'personal-room', title: 'Blue room' },
    });
    const second = await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client,
      startsAt: at(47, 15),
      endsAt: at(47, 16),
      video: true,
      videoOption: { kind: 'personal-room' },
    });
    expect(first.body.appointments[0].videoOption).toMatchObject({
      kind: 'room',
      roomTitle: 'Blue room',
    });
    expect(second.body.appointments[0].videoLink).toBe(first.body.appointments[0].videoLink);
    const room = await frontDesk().get(`/rooms/${first.body.appointments[0].videoOption.roomId}`);
    expect(room.body).toMatchObject({
      title: 'Blue room',
      kind: 'personal',
      clientId: client,
      url: first.body.appointments[0].videoLink,
    });
    expect((await linkItem(room.body.url))?.expiresAt).toBeUndefined();
  });

  it('a refused booking or edit that chose a new personal room leaves no room behind', async () => {
    // Prepare: a client without a room, and the provider's time already taken.
    const client = await newClient();
    const taken = { startsAt: at(49, 15), endsAt: at(49, 16) };
    const other = await newClient();
    await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: other,
      ...taken,
    });
    const inPerson = await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client,
      startsAt: at(49, 17),
      endsAt: at(49, 18),
    });
    const personalRoom = { kind: 'personal-room', title: 'Never made' };
    // Act: a booking and an edit into the taken time, each asking for the personal room.
    const booked = await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client,
      ...taken,
      video: true,
      videoOption: personalRoom,
    });
    const edited = await frontDesk().patch(`/appointments/${inPerson.body.appointments[0].id}`, {
      ...taken,
      video: true,
      videoOption: personalRoom,
    });
    // Assess: both refused, and the client still has no room.
    expect(booked.status).toBe(409);
    expect(booked.body.error.code).toBe('appointment.conflict');
    expect(edited.status).toBe(409);
    expect(edited.body.error.code).toBe('appointment.conflict');
    expect((await frontDesk().get(`/clients/${client}`)).body.personalRoomId).toBeUndefined();
    const rooms = (await frontDesk().get('/rooms')).body.rooms as { clientId?: string }[];
    expect(rooms.filter((r) => r.clientId === client)).toEqual([]);
  });

  it('books two appointments at once that both make the client personal room: one room for both', async () => {
    const client = await newClient();
    const results = await Promise.all(
      [50, 51].map((day) =>
        frontDesk().post('/appointments', {
          providerId: provider.sub,
          clientId: client,
          startsAt: at(day, 15),
          endsAt: at(day, 16),
          video: true,
          videoOption: { kind: 'personal-room', title: `Room ${day}` },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    const [first, second] = results.map((r) => r.body.appointments[0]);
    expect(first.videoOption.roomId).toBe(second.videoOption.roomId);
    expect(first.videoLink).toBe(second.videoLink);
    const rooms = (await frontDesk().get('/rooms')).body.rooms as { clientId?: string }[];
    expect(rooms.filter((r) => r.clientId === client)).toHaveLength(1);
  });

  it('keeps providers to their own calendar', async () => {
    const { leeId, kimId, patId } = await demoPeople();
    const lee = apiAs('dr.lee@demo.test');
    const own = await lee.post('/appointments', {
      clientId: patId,
      startsAt: at(48, 15),
      endsAt: at(48, 16),
      video: true,
    });
    expect(own.status).toBe(201);
    expect(own.body.appointments[0].providerId).toBe(leeId);
    const other = await lee.post('/appointments', {
      providerId: kimId,
      clientId: patId,
      startsAt: at(48, 17),
      endsAt: at(48, 18),
    });
    expect(other.status).toBe(403);
    const kimsView = await apiAs('dr.kim@demo.test').get(
      `/appointments/${own.body.appointments[0].id}`,
    );
    expect(kimsView.status).toBe(404);
    const kimsSchedule = await apiAs('dr.kim@demo.test').get(
      `/schedule?from=${encodeURIComponent(at(47, 0))}&to=${encodeURIComponent(at(49, 0))}&providerId=${leeId}`,
    );
    expect(kimsSchedule.status).toBe(404);
  });
});
