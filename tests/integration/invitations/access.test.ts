import { afterEach, describe, expect, it } from 'vitest';
import { apiAs, at } from '../../helpers/api';
import { demoPeople } from '../../helpers/people';

const owner = () => apiAs('owner@demo.test');

async function patsVideoAppointment(dayOffset: number) {
  const { leeId, patId } = await demoPeople();
  return (
    await apiAs('frontdesk@demo.test').post('/appointments', {
      providerId: leeId,
      clientId: patId,
      startsAt: at(dayOffset, 15),
      endsAt: at(dayOffset, 16),
      video: true,
    })
  ).body.appointments[0];
}

describe('who may invite', () => {
  afterEach(async () => {
    await owner().patch('/settings', { guestInvitations: true, clientsMayInvite: true });
  });

  it('nobody, when the clinic has guest invitations off: 403 invitations.disabled', async () => {
    const appointment = await patsVideoAppointment(140);
    await owner().patch('/settings', { guestInvitations: false });
    for (const who of [
      'owner@demo.test',
      'frontdesk@demo.test',
      'dr.lee@demo.test',
      'pat@demo.test',
    ]) {
      const response = await apiAs(who).post(`/appointments/${appointment.id}/invitees`, {
        email: 'someone@example.com',
      });
      expect(response.status, who).toBe(403);
      expect(response.body.error.code).toBe('invitations.disabled');
    }
  });

  it('the client, for their own video appointment, only when the clinic allows it, and only guests', async () => {
    const appointment = await patsVideoAppointment(141);
    const pat = apiAs('pat@demo.test');
    const added = await pat.post(`/appointments/${appointment.id}/invitees`, {
      email: 'pats.friend@example.com',
    });
    expect(added.status).toBe(201);
    const contact = await pat.post(`/appointments/${appointment.id}/invitees`, {
      contactId: 'd4dab3c5-8e4a-4f1b-8d8a-3e4c9b5a7f44',
    });
    expect(contact.status).toBe(403);
    await owner().patch('/settings', { clientsMayInvite: false });
    const refused = await pat.post(`/appointments/${appointment.id}/invitees`, {
      email: 'another@example.com',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('invitations.clients_not_allowed');
  });

  it('providers for their own appointments only; in-person appointments have no invitations', async () => {
    const appointment = await patsVideoAppointment(142);
    expect(
      (
        await apiAs('dr.kim@demo.test').post(`/appointments/${appointment.id}/invitees`, {
          email: 'x@example.com',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await apiAs('dr.lee@demo.test').post(`/appointments/${appointment.id}/invitees`, {
          email: 'x@example.com',
        })
      ).status,
    ).toBe(201);
    const { leeId, patId } = await demoPeople();
    const inPerson = (
      await apiAs('frontdesk@demo.test').post('/appointments', {
        providerId: leeId,
        clientId: patId,
        startsAt: at(143, 15),
        endsAt: at(143, 16),
      })
    ).body.appointments[0];
    const refused = await apiAs('frontdesk@demo.test').post(
      `/appointments/${inPerson.id}/invitees`,
      { email: 'x@example.com' },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('appointment.not_video');
  });

  it('with guest invitations off, anyone who manages the invitations still withdraws them, and their links stop', async () => {
    // Prepare: a guest the front desk invited, and one pat invited.
    const appointment = await patsVideoAppointment(144);
    const desk = apiAs('frontdesk@demo.test');
    const pat = apiAs('pat@demo.test');
    await desk.post(`/appointments/${appointment.id}/invitees`, {
      email: 'desk.guest@example.com',
    });
    const listed = await pat.post(`/appointments/${appointment.id}/invitees`, {
      email: 'pat.guest@example.com',
    });
    const guest = (email: string) =>
      listed.body.invitees.find((i: { email?: string }) => i.email === email);
    const [deskGuest, patGuest] = [guest('desk.guest@example.com'), guest('pat.guest@example.com')];
    await owner().patch('/settings', { guestInvitations: false, clientsMayInvite: false });
    // Act
    const byDesk = await desk.delete(
      `/appointments/${appointment.id}/invitees/${deskGuest.inviteeId}`,
    );
    const byPat = await pat.delete(
      `/appointments/${appointment.id}/invitees/${patGuest.inviteeId}`,
    );
    // Assess
    expect(byDesk.status).toBe(200);
    expect(byPat.status).toBe(200);
    expect(byPat.body.canInvite).toBe(false);
    expect(byPat.body.invitees.map((i: { kind: string }) => i.kind)).toEqual(['client']);
    for (const { link } of [deskGuest, patGuest]) {
      const token = String(link).split('/join/')[1];
      expect((await apiAs(null).get(`/join/${token}`)).status).toBe(410);
    }
  });

  it("with guest invitations off, Send Now still sends the client their own invitation, and no guest's", async () => {
    // Prepare
    const appointment = await patsVideoAppointment(145);
    const desk = apiAs('frontdesk@demo.test');
    const added = await desk.post(`/appointments/${appointment.id}/invitees`, {
      email: 'waiting.guest@example.com',
    });
    const guestId = added.body.invitees.find((i: { kind: string }) => i.kind === 'guest').inviteeId;
    const clientId = added.body.invitees.find(
      (i: { kind: string }) => i.kind === 'client',
    ).inviteeId;
    await owner().patch('/settings', { guestInvitations: false });
    // Act
    const sent = await desk.post(`/appointments/${appointment.id}/invitations/send`);
    // Assess: the client's sent, the guest's not.
    expect(sent.status).toBe(200);
    const states = (kind: string) =>
      sent.body.invitees.find((i: { kind: string }) => i.kind === kind).deliveries.email.state;
    expect(states('client')).toBe('sent');
    expect(states('guest')).toBe('not-sent');
    expect(
      (await desk.post(`/appointments/${appointment.id}/invitees/${clientId}/send`)).status,
    ).toBe(200);
    const refused = await desk.post(`/appointments/${appointment.id}/invitees/${guestId}/send`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('invitations.disabled');
  });
});
