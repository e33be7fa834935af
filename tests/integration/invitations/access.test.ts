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
});
