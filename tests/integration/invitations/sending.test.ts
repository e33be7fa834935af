import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DeleteIdentityCommand, SESClient, VerifyEmailIdentityCommand } from '@aws-sdk/client-ses';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { type ApiResponse, apiAs, at } from '../../helpers/api';
import { createUser } from '../../helpers/auth';
import { localClients } from '../../helpers/aws';
import { localCredentials, stack } from '../../helpers/local-stack';
import { messagesTo, outbox } from '../../helpers/outbox';

const frontDesk = () => apiAs('frontdesk@demo.test');
let day = 60;

/** A video appointment with a fresh client (with email and phone) and a contact of theirs. */
async function videoAppointment() {
  day += 1;
  const stamp = `${Date.now()}${day}`;
  const provider = await createUser('provider', { teletherapy: true, displayName: 'Dr. Invites' });
  const client = (
    await frontDesk().post('/clients', {
      firstName: 'Robin',
      lastName: `Patient${stamp}`,
      dateOfBirth: '1970-01-02',
      email: `robin.${stamp}@example.com`,
      phone: '+12025550131',
    })
  ).body;
  const contact = (
    await frontDesk().post('/contacts', {
      firstName: 'Casey',
      lastName: 'Carer',
      relationship: 'caregiver',
      email: `casey.${stamp}@example.com`,
      clientIds: [client.id],
    })
  ).body;
  const appointment = (
    await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client.id,
      startsAt: at(day, 15),
      endsAt: at(day, 16),
      video: true,
      reason: 'Grief counselling',
      notes: 'Sensitive history',
    })
  ).body.appointments[0];
  return { client, contact, appointment, stamp };
}

const ses = () =>
  new SESClient({ region: 'us-east-1', endpoint: stack().motoUrl, credentials: localCredentials });

describe('Send Now', () => {
  it('notifies the client, a contact, and guests by email and SMS: once each, with the minimum in every message', async () => {
    // Prepare
    const { client, contact, appointment, stamp } = await videoAppointment();
    await frontDesk().post(`/appointments/${appointment.id}/invitees`, { contactId: contact.id });
    await frontDesk().post(`/appointments/${appointment.id}/invitees`, {
      email: `guest.${stamp}@example.com`,
    });
    await frontDesk().post(`/appointments/${appointment.id}/invitees`, { phone: '+12025550132' });
    // Act
    const sent = await frontDesk().post(`/appointments/${appointment.id}/invitations/send`);
    // Assess: every delivery sent, and each person got exactly their message.
    expect(sent.status).toBe(200);
    for (const invitee of sent.body.invitees) {
      for (const delivery of Object.values(invitee.deliveries) as { state: string }[])
        expect(delivery.state).toBe('sent');
    }
    const addresses = [client.email, contact.email, `guest.${stamp}@example.com`];
    for (const address of addresses) {
      const mine = await messagesTo(address);
      expect(mine).toHaveLength(1);
      const message = mine[0];
      for (const secret of [
        client.firstName,
        client.lastName,
        '1970-01-02',
        'Grief',
        'Sensitive',
      ]) {
        expect(`${message?.subject} ${message?.text} ${message?.html}`).not.toContain(secret);
      }
      expect(message?.text).toContain('Dr. Invites');
      expect(message?.attachments[0]?.content).toContain(
        `DTSTART:${at(day, 15).replace(/[-:]/g, '').slice(0, 15)}Z`,
      );
    }
    const smsToGuest = await messagesTo('+12025550132');
    expect(smsToGuest).toHaveLength(1);
    const guestPin = sent.body.invitees.find(
      (i: { phone?: string }) => i.phone === '+12025550132',
    ).pin;
    // The PIN as people read it: in groups (012 3456 7890).
    expect(smsToGuest[0]?.text.replace(/(\d) (?=\d)/g, '$1')).toContain(guestPin);
    expect(smsToGuest[0]?.text).not.toContain(client.lastName);
  });

  it('sends once when Send Now is clicked twice at the same moment', async () => {
    const { client, appointment, stamp } = await videoAppointment();
    await frontDesk().post(`/appointments/${appointment.id}/invitees`, {
      email: `twice.${stamp}@example.com`,
    });
    const before = (await outbox()).length;
    await Promise.all([
      frontDesk().post(`/appointments/${appointment.id}/invitations/send`),
      frontDesk().post(`/appointments/${appointment.id}/invitations/send`),
      frontDesk().post(`/appointments/${appointment.id}/invitations/send`),
    ]);
    expect(await messagesTo(`twice.${stamp}@example.com`)).toHaveLength(1);
    expect(await messagesTo(client.email)).toHaveLength(1);
    // Client email, client SMS, guest email: three messages, not nine.
    expect((await outbox()).length - before).toBe(3);
  });

  it('keeps a failed email invitation, with the reason, and sends it on retry', async () => {
    // Prepare: the clinic's sender address stops being verified with SES.
    const { appointment, stamp } = await videoAppointment();
    const guest = `failing.${stamp}@example.com`;
    await frontDesk().post(`/appointments/${appointment.id}/invitees`, { email: guest });
    await ses().send(new DeleteIdentityCommand({ Identity: 'no-reply@demo.test' }));
    let failed: ApiResponse;
    try {
      failed = await frontDesk().post(`/appointments/${appointment.id}/invitations/send`);
    } finally {
      await ses().send(new VerifyEmailIdentityCommand({ EmailAddress: 'no-reply@demo.test' }));
    }
    // Assess: kept, failed, with a reason people understand; nothing sent.
    const invitee = failed.body.invitees.find((i: { email?: string }) => i.email === guest);
    expect(invitee.deliveries.email).toMatchObject({
      state: 'failed',
      attempts: 1,
      reason: expect.stringContaining('not verified'),
    });
    expect(await messagesTo(guest)).toHaveLength(0);
    // Act: retry that one person.
    const retried = await frontDesk().post(
      `/appointments/${appointment.id}/invitees/${invitee.inviteeId}/send`,
    );
    expect(
      retried.body.invitees.find((i: { email?: string }) => i.email === guest).deliveries.email,
    ).toMatchObject({ state: 'sent', attempts: 2 });
    expect(await messagesTo(guest)).toHaveLength(1);
  });

  it('keeps an SMS invitation the phone network refuses, as failed with the reason', async () => {
    // Prepare: a guest whose stored number SNS refuses (it no longer meets E.164).
    const { appointment } = await videoAppointment();
    const added = await frontDesk().post(`/appointments/${appointment.id}/invitees`, {
      phone: '+12025550133',
    });
    const guest = added.body.invitees.find((i: { phone?: string }) => i.phone === '+12025550133');
    await localClients().documents.send(
      new UpdateCommand({
        TableName: stack().tables.TABLE_GUEST_LINKS,
        Key: { pk: `APPT#${appointment.id}`, sk: `INVITEE#${guest.inviteeId}` },
        UpdateExpression: 'SET phone = :p',
        ExpressionAttributeValues: { ':p': '+0000' },
      }),
    );
    // Act
    const sent = await frontDesk().post(`/appointments/${appointment.id}/invitations/send`);
    // Assess
    const after = sent.body.invitees.find(
      (i: { inviteeId: string }) => i.inviteeId === guest.inviteeId,
    );
    expect(after.deliveries.sms).toMatchObject({
      state: 'failed',
      reason: expect.stringContaining('phone number'),
    });
  });

  it('Retry sends only the channel that failed; Send again sends every channel', async () => {
    // Prepare: the client (email and phone) whose number SNS refuses for now.
    const { client, appointment, stamp } = await videoAppointment();
    await frontDesk().post(`/appointments/${appointment.id}/invitees`, {
      email: `other.${stamp}@example.com`,
    });
    const listed = await frontDesk().get(`/appointments/${appointment.id}/invitees`);
    const inviteeId = listed.body.invitees.find((i: { kind: string }) => i.kind === 'client')
      .inviteeId as string;
    const setPhone = (phone: string) =>
      localClients().documents.send(
        new UpdateCommand({
          TableName: stack().tables.TABLE_GUEST_LINKS,
          Key: { pk: `APPT#${appointment.id}`, sk: `INVITEE#${inviteeId}` },
          UpdateExpression: 'SET phone = :p',
          ExpressionAttributeValues: { ':p': phone },
        }),
      );
    await setPhone('+0000');
    const sent = await frontDesk().post(`/appointments/${appointment.id}/invitations/send`);
    const mine = (body: { invitees: { inviteeId: string }[] }) =>
      body.invitees.find((i) => i.inviteeId === inviteeId) as unknown as {
        deliveries: { email: { state: string }; sms: { state: string } };
      };
    expect(mine(sent.body).deliveries.email.state).toBe('sent');
    expect(mine(sent.body).deliveries.sms.state).toBe('failed');
    // A number of its own, so the outbox count is this test's.
    const phone = `+1202556${String(Date.now()).slice(-4)}`;
    await setPhone(phone);
    // Act: Retry, twice at once.
    const retried = await Promise.all(
      [1, 2].map(() =>
        frontDesk().post(`/appointments/${appointment.id}/invitees/${inviteeId}/send?only=failed`),
      ),
    );
    // Assess: the text went out once; the email was not sent again.
    expect(retried.map((r) => r.status)).toEqual([200, 200]);
    const after = await frontDesk().get(`/appointments/${appointment.id}/invitees`);
    expect(mine(after.body).deliveries.sms).toMatchObject({ state: 'sent', attempts: 2 });
    expect(mine(after.body).deliveries.email).toMatchObject({ state: 'sent', attempts: 1 });
    expect(await messagesTo(client.email)).toHaveLength(1);
    expect(await messagesTo(phone)).toHaveLength(1);
    // Act: Send again, deliberately: every channel.
    await frontDesk().post(`/appointments/${appointment.id}/invitees/${inviteeId}/send`);
    expect(await messagesTo(client.email)).toHaveLength(2);
  });

  it('shows a delivery cut off mid-send as failed, and sends it again', async () => {
    // Prepare: an attempt that was recorded, then never finished (the function died).
    const { appointment, stamp } = await videoAppointment();
    const address = `crash.${stamp}@example.com`;
    const added = await frontDesk().post(`/appointments/${appointment.id}/invitees`, {
      email: address,
    });
    const guest = added.body.invitees.find((i: { email?: string }) => i.email === address);
    await localClients().documents.send(
      new UpdateCommand({
        TableName: stack().tables.TABLE_GUEST_LINKS,
        Key: { pk: `APPT#${appointment.id}`, sk: `INVITEE#${guest.inviteeId}` },
        UpdateExpression: 'SET deliveries.email = :d',
        ExpressionAttributeValues: {
          ':d': {
            state: 'queued',
            attempts: 1,
            attemptId: 'lost',
            claimedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
          },
        },
      }),
    );
    const listed = await frontDesk().get(`/appointments/${appointment.id}/invitees`);
    expect(
      listed.body.invitees.find((i: { email?: string }) => i.email === address).deliveries.email
        .state,
    ).toBe('failed');
    const resent = await frontDesk().post(
      `/appointments/${appointment.id}/invitees/${guest.inviteeId}/send`,
    );
    expect(
      resent.body.invitees.find((i: { email?: string }) => i.email === address).deliveries.email
        .state,
    ).toBe('sent');
    expect(await messagesTo(address)).toHaveLength(1);
  });

  it("creates a contact's account with their first invitation, with the temporary password in that email only", async () => {
    // Prepare
    const { contact, appointment } = await videoAppointment();
    await frontDesk().post(`/appointments/${appointment.id}/invitees`, { contactId: contact.id });
    // Act: the first invitation.
    await frontDesk().post(`/appointments/${appointment.id}/invitations/send`);
    const [first] = await messagesTo(contact.email);
    const password = /temporary password (\S+)/.exec(first?.text ?? '')?.[1];
    expect(password).toBeTruthy();
    const signIn = await localClients().cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: stack().userPoolClientId,
        AuthParameters: { USERNAME: contact.email, PASSWORD: password ?? '' },
      }),
    );
    expect(signIn.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    // Act: a second invitation, to another appointment.
    const later = (
      await frontDesk().post('/appointments', {
        providerId: appointment.providerId,
        clientId: appointment.clientId,
        startsAt: at(day, 17),
        endsAt: at(day, 18),
        video: true,
      })
    ).body.appointments[0];
    await frontDesk().post(`/appointments/${later.id}/invitees`, { contactId: contact.id });
    await frontDesk().post(`/appointments/${later.id}/invitations/send`);
    // Assess
    const messages = await messagesTo(contact.email);
    expect(messages).toHaveLength(2);
    expect(messages[0]?.text).not.toMatch(/password/i);
    expect((await frontDesk().get(`/contacts/${contact.id}`)).body.hasAccount).toBe(true);
  });
});
