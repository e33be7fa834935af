import { describe, expect, it } from 'vitest';
import { apiAs, at } from '../../helpers/api';
import { createUser } from '../../helpers/auth';
import { messagesTo, type OutboxMessage } from '../../helpers/outbox';

const frontDesk = () => apiAs('frontdesk@demo.test');
let day = 120;

/** A video appointment whose client (email and phone) and one emailed guest were sent invitations. */
async function invitedAppointment(phone: string) {
  day += 1;
  const stamp = `${Date.now()}${day}`;
  const provider = await createUser('provider', { teletherapy: true, displayName: 'Dr. Notice' });
  const client = (
    await frontDesk().post('/clients', {
      firstName: 'Noa',
      lastName: `Notice${stamp}`,
      dateOfBirth: '1980-03-04',
      email: `noa.${stamp}@example.com`,
      phone,
    })
  ).body;
  const appointment = (
    await frontDesk().post('/appointments', {
      providerId: provider.sub,
      clientId: client.id,
      startsAt: at(day, 15),
      endsAt: at(day, 16),
      video: true,
    })
  ).body.appointments[0];
  const guest = `guest.${stamp}@example.com`;
  await frontDesk().post(`/appointments/${appointment.id}/invitees`, { email: guest });
  expect((await frontDesk().post(`/appointments/${appointment.id}/invitations/send`)).status).toBe(
    200,
  );
  return { appointment, client, guest };
}

/**
 * The messages to `address`, oldest first, once there are `count` of them (the stream delivers
 * within seconds).
 */
async function awaitMessages(address: string, count: number): Promise<OutboxMessage[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mine = await messagesTo(address);
    if (mine.length >= count || Date.now() > deadline) return mine.reverse();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const calendarOf = (message: OutboxMessage | undefined) =>
  message?.attachments.find((a) => a.filename.endsWith('.ics'))?.content ?? '';
const field = (ics: string, name: string) =>
  new RegExp(`^${name}[:;](.*)$`, 'm').exec(ics)?.[1]?.trim();

describe('Notices of a changed appointment', () => {
  it('a new time reaches everyone who was told the old one: the same calendar event, a higher sequence, an SMS with the new time', async () => {
    // Prepare
    const { appointment, client, guest } = await invitedAppointment('+12025550177');
    const [invitation] = await messagesTo(guest);
    // Act: the front desk moves the visit an hour later.
    const moved = await frontDesk().patch(`/appointments/${appointment.id}`, {
      startsAt: at(day, 16),
      endsAt: at(day, 17),
      expectedVersion: appointment.version,
    });
    expect(moved.status).toBe(200);
    // Assess: each email address and the client's phone hear of it once.
    const [first, update] = await awaitMessages(guest, 2);
    expect(first?.id).toBe(invitation?.id);
    expect(update?.subject).toMatch(/^New time: video visit with Dr\. Notice/);
    const before = calendarOf(invitation);
    const after = calendarOf(update);
    expect(field(after, 'UID')).toBe(field(before, 'UID'));
    expect(Number(field(after, 'SEQUENCE'))).toBeGreaterThan(Number(field(before, 'SEQUENCE')));
    expect(field(after, 'METHOD')).toBe('REQUEST');
    expect(field(after, 'STATUS')).toBe('CONFIRMED');
    expect(field(after, 'ORGANIZER')).toContain('mailto:no-reply@demo.test');
    expect(field(after, 'DTSTART')).toBe(`${at(day, 16).replace(/[-:]/g, '').slice(0, 15)}Z`);
    expect(update?.text).toContain('/join/');
    expect(await awaitMessages(client.email, 2)).toHaveLength(2);
    const sms = await awaitMessages('+12025550177', 2);
    expect(sms.filter((m) => m.text.startsWith('New time:'))).toHaveLength(1);
    expect(`${update?.text} ${sms[0]?.text}`).not.toContain(client.lastName);
    // A note changes no time: nobody hears again.
    const noted = await frontDesk().patch(`/appointments/${appointment.id}`, {
      notes: 'Bring the forms',
      expectedVersion: moved.body.version,
    });
    expect(noted.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await messagesTo(guest)).toHaveLength(2);
    // The invitation list records what each was told.
    const listed = await frontDesk().get(`/appointments/${appointment.id}/invitees`);
    const guestRow = listed.body.invitees.find((i: { email?: string }) => i.email === guest);
    expect(guestRow.deliveries.email.state).toBe('sent');
  });

  it('a cancellation takes the event off every calendar and says so by SMS', async () => {
    const { appointment, client, guest } = await invitedAppointment('+12025550178');
    const [invitation] = await messagesTo(guest);
    expect((await frontDesk().post(`/appointments/${appointment.id}/cancel`)).status).toBe(200);
    const [, cancel] = await awaitMessages(guest, 2);
    expect(cancel?.subject).toMatch(/^Cancelled: video visit/);
    const ics = calendarOf(cancel);
    expect(field(ics, 'METHOD')).toBe('CANCEL');
    expect(field(ics, 'STATUS')).toBe('CANCELLED');
    expect(field(ics, 'UID')).toBe(field(calendarOf(invitation), 'UID'));
    expect(Number(field(ics, 'SEQUENCE'))).toBeGreaterThan(
      Number(field(calendarOf(invitation), 'SEQUENCE')),
    );
    // No link in a cancellation: it opens nothing now.
    expect(cancel?.text).not.toContain('/join/');
    const sms = await awaitMessages('+12025550178', 2);
    expect(sms.filter((m) => m.text.startsWith('Cancelled:'))).toHaveLength(1);
    expect(await awaitMessages(client.email, 2)).toHaveLength(2);
  });
});
