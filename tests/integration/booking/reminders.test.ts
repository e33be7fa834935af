import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, requestFrom } from '../../helpers/api';
import {
  book,
  bookableProvider,
  freshAddress,
  newEmail,
  proveEmail,
  slotAt,
} from '../../helpers/booking';
import { stack } from '../../helpers/local-stack';
import { messagesTo } from '../../helpers/outbox';

/** What the scheduled rule does every minute, now (the local gateway plays the scheduler). */
async function sweep(): Promise<{ sent: number }> {
  const answer = await fetch(`${stack().url}/_local/scheduler/run`, { method: 'POST' });
  return (await answer.json()) as { sent: number };
}

/** Moves the clock to `minutes` after the moment `hours` before `startsAt`. */
async function clockAt(startsAt: string, hours: number, minutes = 1) {
  const moment = Date.parse(startsAt) - hours * 3_600_000 + minutes * 60_000;
  await stack().setClockOffset(moment - Date.now());
}

const reminders = async (to: string) =>
  (await messagesTo(to)).filter((m) => (m.subject ?? m.text).startsWith('Reminder'));

describe('reminders', () => {
  let providerId: string;
  beforeAll(async () => {
    providerId = (await bookableProvider()).sub;
  });
  afterEach(async () => {
    await stack().setClockOffset(0);
  });

  it('24 hours and 1 hour before, by email and SMS, once each even when two sweeps run at once; nothing about the patient', async () => {
    const email = newEmail();
    const phone = '+12025550199';
    const startsAt = slotAt(3, 10);
    const booked = await book(providerId, {
      startsAt,
      proof: await proveEmail(providerId, email),
      phone,
      firstName: 'Quincy',
    });
    expect(booked.status).toBe(201);
    // Not yet: a day and an hour before.
    await clockAt(startsAt, 25);
    await sweep();
    expect(await reminders(email)).toHaveLength(0);
    await clockAt(startsAt, 24);
    await Promise.all([sweep(), sweep(), sweep()]);
    await sweep();
    const first = await reminders(email);
    expect(first).toHaveLength(1);
    expect(first[0]?.text).toContain(booked.body.joinUrl);
    expect(first[0]?.text).toContain(booked.body.manageUrl);
    expect(first[0]?.text).not.toContain('Quincy');
    expect((await messagesTo(phone)).filter((m) => m.text.startsWith('Reminder'))).toHaveLength(1);
    await clockAt(startsAt, 1);
    await Promise.all([sweep(), sweep()]);
    expect(await reminders(email)).toHaveLength(2);
    expect((await messagesTo(phone)).filter((m) => m.text.startsWith('Reminder'))).toHaveLength(2);
  });

  it('none after a cancellation, none for a moved visit’s old time, one for its new time', async () => {
    const cancelledEmail = newEmail();
    const movedEmail = newEmail();
    const cancelled = await book(providerId, {
      startsAt: slotAt(4, 10),
      proof: await proveEmail(providerId, cancelledEmail),
    });
    const moved = await book(providerId, {
      startsAt: slotAt(4, 12),
      proof: await proveEmail(providerId, movedEmail),
    });
    const token = (url: string) => url.split('/book/manage/')[1];
    expect(
      (
        await requestFrom(
          freshAddress(),
          'POST',
          `/bookings/${token(cancelled.body.manageUrl)}/cancel`,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await requestFrom(
          freshAddress(),
          'POST',
          `/bookings/${token(moved.body.manageUrl)}/reschedule`,
          { startsAt: slotAt(5, 12) },
        )
      ).status,
    ).toBe(200);
    await clockAt(slotAt(4, 10), 24);
    await sweep();
    await clockAt(slotAt(4, 12), 24);
    await sweep();
    expect(await reminders(cancelledEmail)).toHaveLength(0);
    expect(await reminders(movedEmail)).toHaveLength(0);
    await clockAt(slotAt(5, 12), 24);
    await sweep();
    const sent = await reminders(movedEmail);
    expect(sent).toHaveLength(1);
    const ics = sent[0]?.attachments.find((a) => a.filename.endsWith('.ics'))?.content ?? '';
    expect(ics).toContain(`DTSTART:${slotAt(5, 12).replace(/[-:]/g, '').slice(0, 15)}Z`);
  });

  it('a staff-made video visit reminds the client too, with their link', async () => {
    const email = newEmail();
    const client = await apiAs('frontdesk@demo.test').post('/clients', {
      firstName: 'Staff',
      lastName: 'Booked',
      email,
    });
    const startsAt = slotAt(6, 15);
    const made = await apiAs('frontdesk@demo.test').post('/appointments', {
      providerId,
      clientId: client.body.id,
      startsAt,
      endsAt: slotAt(6, 16),
      video: true,
    });
    expect(made.status).toBe(201);
    await clockAt(startsAt, 1);
    await sweep();
    const sent = await reminders(email);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toMatch(/\/join\/[A-Za-z0-9_-]{43}/);
  });
});
