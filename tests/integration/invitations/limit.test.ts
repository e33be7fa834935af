import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { apiAs, at } from '../../helpers/api';
import { createUser } from '../../helpers/auth';
import { localClients } from '../../helpers/aws';
import { stack } from '../../helpers/local-stack';
import { newClient } from '../../helpers/people';
import { openVisit } from '../../helpers/visits';

const frontDesk = () => apiAs('frontdesk@demo.test');
const limit = 20;
let day = 300;

async function videoAppointment() {
  day += 1;
  const provider = await createUser('provider', { teletherapy: true, displayName: 'Dr. Limit' });
  const clientId = await newClient('Limit');
  const booked = await frontDesk().post('/appointments', {
    providerId: provider.sub,
    clientId,
    startsAt: at(day, 15),
    endsAt: at(day, 16),
    video: true,
  });
  return booked.body.appointments[0] as { id: string; version: number };
}

const address = (appointmentId: string, i: number) =>
  `guest${i}.${appointmentId.slice(0, 8)}@example.com`;

/** Invites guests 0..count-1 by email, one after another; returns their join-link tokens. */
async function invite(appointmentId: string, from: number, count: number): Promise<string[]> {
  let listed = { status: 0, body: { invitees: [] as { email?: string; link: string }[] } };
  for (let i = from; i < from + count; i += 1) {
    listed = await frontDesk().post(`/appointments/${appointmentId}/invitees`, {
      email: address(appointmentId, i),
    });
    expect(listed.status, `guest ${i}`).toBe(201);
  }
  return listed.body.invitees
    .filter((g) => g.email?.startsWith('guest'))
    .map((g) => g.link.split('/join/')[1] ?? '');
}

/** Every item of the appointment in the guest-links table: links, PINs, invitees, the count. */
async function guestItems(appointmentId: string) {
  const table = stack().tables.TABLE_GUEST_LINKS;
  const [byIndex, invitees] = await Promise.all([
    localClients().documents.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': `APPT#${appointmentId}` },
      }),
    ),
    localClients().documents.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :i)',
        ExpressionAttributeValues: { ':p': `APPT#${appointmentId}`, ':i': 'INVITEE#' },
      }),
    ),
  ]);
  return [...(byIndex.Items ?? []), ...(invitees.Items ?? [])];
}

async function expectAllRevoked(appointmentId: string, tokens: string[]) {
  for (const token of tokens) expect((await apiAs(null).get(`/join/${token}`)).status).toBe(410);
  const items = await guestItems(appointmentId);
  // The client's link, PIN and invitee, and three for each guest, at least.
  expect(items.length).toBeGreaterThanOrEqual(3 + 3 * tokens.length);
  expect(items.filter((item) => !item.revokedAt).map((item) => item.sk)).toEqual([]);
}

describe(`at most ${limit} people invited beside the client`, () => {
  it('refuses one more with 409 invitations.limit, and takes one again after a withdrawal', async () => {
    // Prepare
    const appointment = await videoAppointment();
    await invite(appointment.id, 0, limit);
    // Act
    const refused = await frontDesk().post(`/appointments/${appointment.id}/invitees`, {
      email: address(appointment.id, limit),
    });
    // Assess: refused in the one error shape, and nothing added.
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('invitations.limit');
    expect(refused.body.error.message).toContain(`at most ${limit} people`);
    const listed = await frontDesk().get(`/appointments/${appointment.id}/invitees`);
    expect(listed.body.invitees).toHaveLength(limit + 1);
    expect(listed.body.maxInvitees).toBe(limit);
    // Act: withdraw one, then invite the one refused.
    const first = listed.body.invitees.find(
      (i: { email?: string }) => i.email === address(appointment.id, 0),
    );
    const withdrawn = await frontDesk().delete(
      `/appointments/${appointment.id}/invitees/${first.inviteeId}`,
    );
    expect(withdrawn.status).toBe(200);
    const again = await frontDesk().post(`/appointments/${appointment.id}/invitees`, {
      email: address(appointment.id, limit),
    });
    expect(again.status).toBe(201);
    expect(again.body.invitees).toHaveLength(limit + 1);
  });

  it('of invitations sent at the same moment at the limit, exactly the places left are taken', async () => {
    // Prepare: three places left.
    const appointment = await videoAppointment();
    await invite(appointment.id, 0, limit - 3);
    // Act: eight at once.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        frontDesk().post(`/appointments/${appointment.id}/invitees`, {
          email: address(appointment.id, 100 + i),
        }),
      ),
    );
    // Assess
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(
      results.filter((r) => r.status !== 201).map((r) => [r.status, r.body.error.code]),
    ).toEqual(Array.from({ length: 5 }, () => [409, 'invitations.limit']));
    const listed = await frontDesk().get(`/appointments/${appointment.id}/invitees`);
    expect(listed.body.invitees).toHaveLength(limit + 1);
  });

  it('two withdrawals of the same guest at once free one place, not two', async () => {
    const appointment = await videoAppointment();
    await invite(appointment.id, 0, limit);
    const listed = await frontDesk().get(`/appointments/${appointment.id}/invitees`);
    const guest = listed.body.invitees.find(
      (i: { email?: string }) => i.email === address(appointment.id, 0),
    );
    const results = await Promise.all(
      [1, 2].map(() =>
        frontDesk().delete(`/appointments/${appointment.id}/invitees/${guest.inviteeId}`),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
    const added = await Promise.all(
      [200, 201].map((i) =>
        frontDesk().post(`/appointments/${appointment.id}/invitees`, {
          email: address(appointment.id, i),
        }),
      ),
    );
    expect(added.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('cancels an appointment with the most invitees (after others were withdrawn) and revokes every link and PIN', async () => {
    // Prepare: invitations withdrawn earlier leave revoked links behind (twice the full list,
    // more than one transaction could re-time); then the full list.
    const appointment = await videoAppointment();
    for (const round of [0, 1]) {
      await invite(appointment.id, round * limit, limit);
      const listed = await frontDesk().get(`/appointments/${appointment.id}/invitees`);
      for (const guest of listed.body.invitees.filter((i: { kind: string }) => i.kind !== 'client'))
        await frontDesk().delete(`/appointments/${appointment.id}/invitees/${guest.inviteeId}`);
    }
    const tokens = await invite(appointment.id, 2 * limit, limit);
    // Act
    const cancelled = await frontDesk().post(`/appointments/${appointment.id}/cancel`);
    // Assess
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    await expectAllRevoked(appointment.id, tokens);
  });

  it('reschedules an appointment with the most invitees: every link and PIN takes the new end', async () => {
    const appointment = await videoAppointment();
    const tokens = await invite(appointment.id, 0, limit);
    const startsAt = at(day, 18);
    const endsAt = at(day, 19);
    // Act
    const moved = await frontDesk().patch(`/appointments/${appointment.id}`, { startsAt, endsAt });
    // Assess
    expect(moved.status).toBe(200);
    const newExpiry = Math.floor(Date.parse(endsAt) / 1000);
    const items = (await guestItems(appointment.id)).filter((item) => !item.revokedAt);
    expect(items.length).toBeGreaterThanOrEqual(3 + 3 * limit);
    for (const item of items) expect(item.expiresAt, item.sk).toBeGreaterThanOrEqual(newExpiry);
    for (const token of tokens)
      expect((await apiAs(null).get(`/join/${token}`)).body.endsAt).toBe(endsAt);
  });

  it('End visit with the most invitees completes the appointment and revokes every link and PIN', async () => {
    const { host, visitId, links } = await openVisit({ guests: limit });
    await host.post(`/appointments/${visitId}/visit/start`);
    // Act
    const ended = await host.post(`/visits/${visitId}/end`);
    // Assess
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('ended');
    expect((await frontDesk().get(`/appointments/${visitId}`)).body.status).toBe('completed');
    await expectAllRevoked(
      visitId,
      links.map((l) => l.token),
    );
  });

  it('End visit that cannot complete the appointment leaves the visit open, and ends it when pressed again', async () => {
    // Prepare: more items under the appointment than one transaction can hold (as an
    // appointment invited before the limit could have), so completing it fails.
    const { host, visitId } = await openVisit({ guests: 1 });
    await host.post(`/appointments/${visitId}/visit/start`);
    const table = String(stack().tables.TABLE_GUEST_LINKS);
    const extra = Array.from({ length: 100 }, (_, i) => ({
      pk: `PIN#test-${visitId}-${i}`,
      sk: 'PIN',
      gsi1pk: `APPT#${visitId}`,
      gsi1sk: `PIN#test-${i}`,
    }));
    const batches = [0, 25, 50, 75].map((from) => extra.slice(from, from + 25));
    for (const batch of batches)
      await localClients().documents.send(
        new BatchWriteCommand({
          RequestItems: { [table]: batch.map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
    // Act
    const failed = await host.post(`/visits/${visitId}/end`);
    // Assess: an error, and nothing half done: the visit is open, the appointment scheduled.
    expect(failed.status).toBe(500);
    expect((await host.get(`/visits/${visitId}`)).body.status).toBe('open');
    expect((await frontDesk().get(`/appointments/${visitId}`)).body.status).toBe('scheduled');
    // Act: the cause goes away; End again.
    for (const batch of batches)
      await localClients().documents.send(
        new BatchWriteCommand({
          RequestItems: {
            [table]: batch.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })),
          },
        }),
      );
    const ended = await host.post(`/visits/${visitId}/end`);
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('ended');
    expect((await frontDesk().get(`/appointments/${visitId}`)).body.status).toBe('completed');
  });
});
