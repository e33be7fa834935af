import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requestFrom } from '../../helpers/api';
import {
  book,
  bookableProvider,
  freshAddress,
  newEmail,
  proveEmail,
  slotAt,
} from '../../helpers/booking';
import { stack } from '../../helpers/local-stack';
import { mailTo } from '../../helpers/outbox';

const tokenOf = (manageUrl: string) => manageUrl.split('/book/manage/')[1] ?? '';
const manage = (method: string, token: string, path = '', body?: unknown) =>
  requestFrom(freshAddress(), method, `/bookings/${token}${path}`, body);

const icsOf = (mail: { attachments: { filename: string; content: string }[] }) =>
  mail.attachments.find((a) => a.filename.endsWith('.ics'))?.content ?? '';

describe('the manage link', () => {
  let providerId: string;
  beforeAll(async () => {
    providerId = (await bookableProvider({ cancelCutoffHours: 24 })).sub;
  });
  afterEach(async () => {
    await stack().setClockOffset(0);
  });

  it('shows the booking, moves it to a free slot (the client is told, same event, higher SEQUENCE), and cancels it (METHOD:CANCEL)', async () => {
    const email = newEmail();
    const booked = await book(providerId, {
      startsAt: slotAt(5, 9),
      proof: await proveEmail(providerId, email),
    });
    expect(booked.status).toBe(201);
    const token = tokenOf(booked.body.manageUrl);
    const view = await manage('GET', token);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      providerName: 'Dr. Online',
      status: 'scheduled',
      changeable: true,
      visitType: { id: 'session-50', minutes: 50 },
    });
    await mailTo(email, /^Video visit/);
    const moved = await manage('POST', token, '/reschedule', { startsAt: slotAt(6, 11) });
    expect(moved.status).toBe(200);
    expect(moved.body.startsAt).toBe(slotAt(6, 11));
    expect(Date.parse(moved.body.endsAt) - Date.parse(moved.body.startsAt)).toBe(50 * 60_000);
    const notice = await mailTo(email, /^New time/);
    expect(icsOf(notice)).toContain(`UID:${booked.body.appointmentId}@televisit`);
    expect(icsOf(notice)).toContain('SEQUENCE:1');
    expect(notice.text).toContain(booked.body.manageUrl);
    // The old time is free again, the new one taken.
    const other = await proveEmail(providerId, newEmail());
    expect((await book(providerId, { startsAt: slotAt(6, 11), proof: other })).status).toBe(409);
    expect((await book(providerId, { startsAt: slotAt(5, 9), proof: other })).status).toBe(201);
    const cancelled = await manage('POST', token, '/cancel');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', changeable: false });
    expect(cancelled.body.joinUrl).toBeUndefined();
    const gone = await mailTo(email, /^Cancelled/);
    expect(icsOf(gone)).toContain('METHOD:CANCEL');
    expect(icsOf(gone)).toContain('SEQUENCE:2');
    expect(icsOf(gone)).not.toMatch(/\/join\/|PIN|^URL:/m);
    // The join link stops working at once.
    const joinToken = String(booked.body.joinUrl).split('/join/')[1];
    expect((await requestFrom(freshAddress(), 'GET', `/join/${joinToken}`)).status).toBe(410);
  });

  it('refuses a move to a taken time (409) and changes nothing', async () => {
    const first = await book(providerId, {
      startsAt: slotAt(7, 9),
      proof: await proveEmail(providerId, newEmail()),
    });
    const second = await book(providerId, {
      startsAt: slotAt(7, 12),
      proof: await proveEmail(providerId, newEmail()),
    });
    const token = tokenOf(second.body.manageUrl);
    const refused = await manage('POST', token, '/reschedule', { startsAt: slotAt(7, 9, 30) });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('appointment.conflict');
    expect((await manage('GET', token)).body.startsAt).toBe(slotAt(7, 12));
    expect(first.status).toBe(201);
  });

  it('after the cutoff: no change online, "please call the clinic"', async () => {
    const booked = await book(providerId, {
      startsAt: slotAt(3, 9),
      proof: await proveEmail(providerId, newEmail()),
    });
    const token = tokenOf(booked.body.manageUrl);
    // Two days and a bit later: less than 24 hours before the visit.
    await stack().setClockOffset(Date.parse(slotAt(3, 9)) - Date.now() - 12 * 3_600_000);
    const view = await manage('GET', token);
    expect(view.body.changeable).toBe(false);
    const refused = await manage('POST', token, '/cancel');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('booking.past_cutoff');
    expect(refused.body.error.message).toMatch(/call the clinic/);
    expect((await manage('GET', token)).body.status).toBe('scheduled');
  });

  it('an unknown link opens nothing (404)', async () => {
    const answer = await manage('GET', randomBytes(32).toString('base64url'));
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('booking.unknown');
  });
});
