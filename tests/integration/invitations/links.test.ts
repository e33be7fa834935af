import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { apiAs, at } from '../../helpers/api';
import { createUser } from '../../helpers/auth';
import { localClients } from '../../helpers/aws';
import { stack } from '../../helpers/local-stack';
import { newClient } from '../../helpers/people';

const frontDesk = () => apiAs('frontdesk@demo.test');
const anonymous = () => apiAs(null);
let day = 120;

async function invitedGuest() {
  day += 1;
  const provider = await createUser('provider', { teletherapy: true, displayName: 'Dr. Links' });
  const clientId = await newClient();
  const appointment = (
    await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId,
      startsAt: at(day, 15),
      endsAt: at(day, 16),
      video: true,
    })
  ).body.appointments[0];
  const address = `link.${Date.now()}.${day}@example.com`;
  const listed = await frontDesk().post(`/appointments/${appointment.id}/invitees`, {
    email: address,
  });
  const guest = listed.body.invitees.find((i: { email?: string }) => i.email === address);
  return { appointment, guest, token: String(guest.link).split('/join/')[1] ?? '' };
}

/** What the table keeps of an invitee's PIN: found by the keyed hash on their record. */
async function pinHashOf(appointmentId: string, inviteeId: string): Promise<string> {
  const { Item } = await localClients().documents.send(
    new GetCommand({
      TableName: stack().tables.TABLE_GUEST_LINKS,
      Key: { pk: `APPT#${appointmentId}`, sk: `INVITEE#${inviteeId}` },
    }),
  );
  return String(Item?.pinHash);
}

async function pinItem(hash: string) {
  return (
    await localClients().documents.send(
      new GetCommand({
        TableName: stack().tables.TABLE_GUEST_LINKS,
        Key: { pk: `PIN#${hash}`, sk: 'PIN' },
      }),
    )
  ).Item;
}

describe('guest links and PINs', () => {
  it('opens for the visit, shows only the provider, the time and how to call in, and answers an unknown link with 404 link.unknown', async () => {
    const { appointment, token } = await invitedGuest();
    const open = await anonymous().get(`/join/${token}`);
    expect(open.status).toBe(200);
    expect(open.body).toEqual({
      kind: 'invitee',
      providerName: 'Dr. Links',
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      join: expect.objectContaining({ enabled: false, reason: 'too-early' }),
      // The holder's own invitation gives the same: the clinic's number and their PIN.
      phone: { number: '+1 202 555 0100', pin: expect.stringMatching(/^\d{3} \d{4} \d{4}$/) },
    });
    const unknown = await anonymous().get(`/join/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('link.unknown');
    expect((await anonymous().get('/join/short')).status).toBe(404);
  });

  it('expires at the scheduled end plus grace, at once, before DynamoDB removes the item', async () => {
    const { appointment, token } = await invitedGuest();
    await stack().setClockOffset(Date.parse(appointment.endsAt) + 31 * 60_000 - Date.now());
    try {
      const expired = await anonymous().get(`/join/${token}`);
      expect(expired.status).toBe(410);
      expect(expired.body.error).toMatchObject({
        code: 'link.expired',
        message: expect.stringContaining('Dr. Links'),
      });
    } finally {
      await stack().setClockOffset(0);
    }
    expect((await anonymous().get(`/join/${token}`)).status).toBe(200);
  });

  it('moves with the appointment: a later end keeps the link alive longer', async () => {
    const { appointment, token } = await invitedGuest();
    await frontDesk().patch(`/appointments/${appointment.id}`, { endsAt: at(day, 18) });
    await stack().setClockOffset(Date.parse(appointment.endsAt) + 31 * 60_000 - Date.now());
    try {
      expect((await anonymous().get(`/join/${token}`)).status).toBe(200);
    } finally {
      await stack().setClockOffset(0);
    }
  });

  it('is revoked at once when the invitation is withdrawn or the appointment cancelled, PINs included', async () => {
    const first = await invitedGuest();
    const firstHash = await pinHashOf(first.appointment.id, first.guest.inviteeId);
    expect(await pinItem(firstHash)).toBeDefined();
    await frontDesk().delete(
      `/appointments/${first.appointment.id}/invitees/${first.guest.inviteeId}`,
    );
    expect((await anonymous().get(`/join/${first.token}`)).status).toBe(410);
    expect(await pinItem(firstHash)).toBeUndefined();

    const second = await invitedGuest();
    const secondHash = await pinHashOf(second.appointment.id, second.guest.inviteeId);
    await frontDesk().post(`/appointments/${second.appointment.id}/cancel`);
    const cancelled = await anonymous().get(`/join/${second.token}`);
    expect(cancelled.status).toBe(410);
    expect(cancelled.body.error.message).toContain('cancelled');
    expect((await pinItem(secondHash))?.revokedAt).toBeTruthy();
  });

  it.each([
    ['removed by DynamoDB after it expired', 'gone'],
    ['taken by another invitation since', 'taken'],
  ] as const)(
    'withdraws a guest whose PIN item was %s, leaving that PIN alone',
    async (_, what) => {
      // Prepare
      const { appointment, guest, token } = await invitedGuest();
      const { documents } = localClients();
      const hash = await pinHashOf(appointment.id, guest.inviteeId);
      const Key = { pk: `PIN#${hash}`, sk: 'PIN' };
      const TableName = stack().tables.TABLE_GUEST_LINKS;
      if (what === 'gone') await documents.send(new DeleteCommand({ TableName, Key }));
      else
        await documents.send(
          new PutCommand({
            TableName,
            Item: { ...Key, appointmentId: 'other', inviteeId: 'someone-else' },
          }),
        );
      // Act
      const withdrawn = await frontDesk().delete(
        `/appointments/${appointment.id}/invitees/${guest.inviteeId}`,
      );
      // Assess
      expect(withdrawn.status).toBeLessThan(300);
      expect((await anonymous().get(`/join/${token}`)).status).toBe(410);
      expect((await pinItem(hash))?.inviteeId).toBe(what === 'gone' ? undefined : 'someone-else');
      const listed = await frontDesk().get(`/appointments/${appointment.id}/invitees`);
      expect(listed.body.invitees.map((i: { inviteeId: string }) => i.inviteeId)).not.toContain(
        guest.inviteeId,
      );
    },
  );

  it('stores only a hash of each token and PIN, and gives every invitee of an appointment their own link and PIN', async () => {
    const { appointment, guest, token } = await invitedGuest();
    await frontDesk().post(`/appointments/${appointment.id}/invitees`, { phone: '+12025550144' });
    const listed = await frontDesk().get(`/appointments/${appointment.id}/invitees`);
    const links = listed.body.invitees.map((i: { link: string }) => i.link);
    const pins = listed.body.invitees.map((i: { pin: string }) => i.pin);
    expect(new Set(links).size).toBe(links.length);
    expect(new Set(pins).size).toBe(pins.length);
    const stored = await localClients().documents.send(
      new QueryCommand({
        TableName: stack().tables.TABLE_GUEST_LINKS,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': `APPT#${appointment.id}` },
      }),
    );
    const pinItems = await localClients().documents.send(
      new QueryCommand({
        TableName: stack().tables.TABLE_GUEST_LINKS,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': `APPT#${appointment.id}` },
      }),
    );
    const everything = JSON.stringify([...(stored.Items ?? []), ...(pinItems.Items ?? [])]);
    expect(everything).toContain('PIN#');
    expect(everything).not.toContain(token);
    for (const pin of pins) expect(everything).not.toContain(pin);
    expect(guest.pin).toMatch(/^\d{11}$/);
    // Shown again the same: the digits are derived, not drawn anew.
    const relisted = await frontDesk().get(`/appointments/${appointment.id}/invitees`);
    expect(relisted.body.invitees.map((i: { pin: string }) => i.pin)).toEqual(pins);
    const again = await frontDesk().post(`/appointments/${appointment.id}/invitees`, {
      email: guest.email,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invitee.exists');
  });
});

describe('adding a guest with a bad address', () => {
  it('names the field and keeps its message', async () => {
    const { appointment } = await invitedGuest();
    const phone = await frontDesk().post(`/appointments/${appointment.id}/invitees`, {
      phone: '12',
    });
    expect(phone.status).toBe(400);
    expect(phone.body.error.fields.phone).toMatch(/valid phone number/);
    const both = await frontDesk().post(`/appointments/${appointment.id}/invitees`, {
      email: 'a@example.com',
      phone: '+12025550100',
    });
    expect(both.status).toBe(400);
    expect(both.body.error.fields.email).toMatch(/exactly one/);
  });
});
