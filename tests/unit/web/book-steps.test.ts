import { describe, expect, it } from 'vitest';
import { addressOf, slotAt, stepOf } from '../../../web/src/routes/book/[provider]/book-steps';

const page = 'https://clinic.example/book/p-1';

describe('the booking page’s steps in its address', () => {
  it('reads the type, a chosen time and a booking from the query', () => {
    expect(stepOf(new URL(page))).toEqual({ type: null, time: null, booked: false });
    expect(stepOf(new URL(`${page}?type=t1&time=2026-12-10T14:00:00Z`))).toEqual({
      type: 't1',
      time: '2026-12-10T14:00:00Z',
      booked: false,
    });
    expect(stepOf(new URL(`${page}?type=t1&booked=2026-12-10T14:00:00Z`))).toEqual({
      type: 't1',
      time: '2026-12-10T14:00:00Z',
      booked: true,
    });
  });

  it('takes a time that is no time as none', () => {
    expect(stepOf(new URL(`${page}?type=t1&time=soon`)).time).toBeNull();
  });

  it('writes each step back to the same address it reads', () => {
    const url = new URL(`${page}?utm=x`);
    for (const step of [
      { type: 't1' },
      { type: 't1', time: '2026-12-10T14:00:00.000Z' },
      { type: 't1', time: '2026-12-10T14:00:00.000Z', booked: true },
    ]) {
      const read = stepOf(new URL(addressOf(url, step), url));
      expect(read).toEqual({ type: 't1', time: step.time ?? null, booked: step.booked ?? false });
    }
    expect(addressOf(url, { type: 't 1' })).toBe('/book/p-1?type=t+1');
  });

  it('ends a named time by the type’s length', () => {
    expect(slotAt('2026-12-10T14:00:00.000Z', 50)).toEqual({
      startsAt: '2026-12-10T14:00:00.000Z',
      endsAt: '2026-12-10T14:50:00.000Z',
    });
  });
});
