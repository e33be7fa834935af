import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiAs, plusMinutes, requestFrom } from '../../helpers/api';
import {
  book,
  bookableProvider,
  freshAddress,
  idempotencyKey,
  newEmail,
  proveEmail,
  slotAt,
} from '../../helpers/booking';
import { stack } from '../../helpers/local-stack';
import { newClient } from '../../helpers/people';

const frontDesk = () => apiAs('frontdesk@demo.test');

async function liveOn(providerId: string, day: number) {
  const from = encodeURIComponent(slotAt(day, 0));
  const to = encodeURIComponent(slotAt(day + 1, 0));
  const answer = await frontDesk().get(`/schedule?from=${from}&to=${to}&providerId=${providerId}`);
  return (answer.body.appointments as { id: string; status: string; startsAt: string }[]).filter(
    (a) => a.status === 'scheduled',
  );
}

const statuses = (answers: { status: number }[]) =>
  answers.map((a) => a.status).sort((a, b) => a - b);

describe('no double booking, whoever races', () => {
  let providerId: string;
  /** Three addresses a test books from, proven once each (at most 3 upcoming per email). */
  let proofs: string[];
  beforeAll(async () => {
    providerId = (await bookableProvider({ bufferAfterMinutes: 10 })).sub;
    proofs = await Promise.all([0, 1, 2, 3, 4, 5].map(() => proveEmail(providerId, newEmail())));
  });

  it('30 bookings of one slot at once: exactly one books, the others get 409 appointment.conflict', async () => {
    const startsAt = slotAt(8, 10);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => book(providerId, { startsAt, proof: proofs[i % 6] })),
    );
    expect(statuses(answers)).toEqual([201, ...Array(29).fill(409)]);
    expect(
      answers
        .filter((a) => a.status === 409)
        .every((a) => a.body.error.code === 'appointment.conflict'),
    ).toBe(true);
    expect(await liveOn(providerId, 8)).toHaveLength(1);
  });

  it('overlapping visits of different lengths at once: exactly one books', async () => {
    // 50 minutes from 10:00 and 30 minutes from 10:30, ten of each at once.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? book(providerId, {
              startsAt: slotAt(9, 10),
              proof: proofs[i % 6],
              typeId: 'session-50',
            })
          : book(providerId, {
              startsAt: slotAt(9, 10, 30),
              proof: proofs[i % 6],
              typeId: 'consult-30',
            }),
      ),
    );
    expect(statuses(answers)).toEqual([201, ...Array(19).fill(409)]);
    expect(await liveOn(providerId, 9)).toHaveLength(1);
  });

  it('a time inside the buffer after another appointment is not free', async () => {
    // Staff book 14:25–14:55; the 10 minutes after it are kept free.
    const staff = await frontDesk().post('/appointments', {
      providerId,
      clientId: await newClient('Buffer'),
      startsAt: slotAt(9, 14, 25),
      endsAt: slotAt(9, 14, 55),
      video: true,
    });
    expect(staff.status).toBe(201);
    const inBuffer = await book(providerId, { startsAt: slotAt(9, 15), proof: proofs[1] });
    const after = await book(providerId, { startsAt: slotAt(9, 15, 15), proof: proofs[2] });
    expect([inBuffer.status, after.status]).toEqual([409, 201]);
  });

  it('staff and the public page racing for overlapping time: exactly one wins', async () => {
    const client = await newClient('Race');
    const startsAt = slotAt(10, 14);
    const [staff, online] = await Promise.all([
      frontDesk().post('/appointments', {
        providerId,
        clientId: client,
        startsAt: plusMinutes(startsAt, 15),
        endsAt: plusMinutes(startsAt, 45),
        video: true,
      }),
      book(providerId, { startsAt, proof: proofs[3] }),
    ]);
    expect(statuses([staff, online])).toEqual([201, 409]);
    expect(await liveOn(providerId, 10)).toHaveLength(1);
  });

  it('cancel, then the same slot books again', async () => {
    const startsAt = slotAt(11, 9);
    const first = await book(providerId, { startsAt, proof: proofs[4] });
    expect(first.status).toBe(201);
    expect((await book(providerId, { startsAt, proof: proofs[5] })).status).toBe(409);
    const token = String(first.body.manageUrl).split('/book/manage/')[1];
    const cancelled = await requestFrom(freshAddress(), 'POST', `/bookings/${token}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await book(providerId, { startsAt, proof: proofs[5] })).status).toBe(201);
  });

  it('the same idempotency key twice, one after the other and at once, books one appointment', async () => {
    const key = idempotencyKey();
    const startsAt = slotAt(12, 9);
    const [a, b] = await Promise.all([
      book(providerId, { startsAt, proof: proofs[0], idempotencyKey: key }),
      book(providerId, { startsAt, proof: proofs[0], idempotencyKey: key }),
    ]);
    const later = await book(providerId, { startsAt, proof: proofs[0], idempotencyKey: key });
    expect([a.status, b.status, later.status]).toEqual([201, 201, 201]);
    expect(
      new Set([a.body.appointmentId, b.body.appointmentId, later.body.appointmentId]).size,
    ).toBe(1);
    expect(await liveOn(providerId, 12)).toHaveLength(1);
  });
});

describe('limits', () => {
  // Counts are kept per minute of the (movable) clock: start a second into a minute.
  beforeEach(async () => {
    await stack().setClockOffset(0);
    await stack().setClockOffset(60_000 - (Date.now() % 60_000) + 1_000);
  });
  afterEach(async () => {
    await stack().setClockOffset(0);
  });

  it('10 booking attempts a minute per address, then 429 with Retry-After', async () => {
    const providerId = (await bookableProvider()).sub;
    const address = freshAddress();
    const answers = [];
    for (let i = 0; i < 11; i += 1)
      answers.push(
        await requestFrom(address, 'POST', `/book/${providerId}/codes`, { email: newEmail() }),
      );
    expect(answers.slice(0, 10).every((a) => a.status === 202)).toBe(true);
    expect(answers[10]?.status).toBe(429);
    expect(answers[10]?.body.error.code).toBe('limit.reached');
    expect(Number(answers[10]?.retryAfter)).toBeGreaterThan(0);
  });

  it('at most 3 upcoming online bookings per email', async () => {
    const providerId = (await bookableProvider()).sub;
    const proof = await proveEmail(providerId, newEmail());
    const answers = [];
    for (const day of [13, 14, 15, 16])
      answers.push(await book(providerId, { startsAt: slotAt(day, 9), proof }));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 429]);
    expect(answers[3]?.body.error.code).toBe('booking.too_many_upcoming');
  });

  it('a robot that fills the hidden field books nothing', async () => {
    const providerId = (await bookableProvider()).sub;
    const proof = await proveEmail(providerId, newEmail());
    const refused = await book(providerId, { startsAt: slotAt(13, 9), proof, website: 'x' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('booking.refused');
    expect(await liveOn(providerId, 13)).toHaveLength(0);
  });
});
