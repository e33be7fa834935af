import { describe, expect, it } from 'vitest';
import { slotAt } from '../../../web/src/lib/booking/week';
import { addressOf, stepOf } from '../../../web/src/routes/book/[provider]/book-steps';
import {
  manageAddressOf,
  manageStepOf,
  stepsIn,
} from '../../../web/src/routes/book/manage/[token]/manage-steps';

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

describe('the manage page’s steps in its address', () => {
  const manage = 'https://clinic.example/book/manage/tok';

  it('reads changing and a new time, and a time only while changing', () => {
    expect(manageStepOf(new URL(manage))).toEqual({ change: false, time: null });
    expect(manageStepOf(new URL(`${manage}?change`))).toEqual({ change: true, time: null });
    const chosen = `${manage}?change&time=2026-12-10T14:00:00Z`;
    expect(manageStepOf(new URL(chosen))).toEqual({ change: true, time: '2026-12-10T14:00:00Z' });
    expect(manageStepOf(new URL(`${manage}?time=2026-12-10T14:00:00Z`)).time).toBeNull();
  });

  it('writes each step back to the address it reads, and counts its entries', () => {
    const url = new URL(manage);
    for (const step of [
      { change: false, time: null },
      { change: true, time: null },
      { change: true, time: '2026-12-10T14:00:00.000Z' },
    ]) {
      const written = manageAddressOf(url, { change: step.change, time: step.time ?? undefined });
      expect(manageStepOf(new URL(written, url))).toEqual(step);
    }
    expect(manageAddressOf(url, {})).toBe('/book/manage/tok');
    expect(stepsIn({ change: true, time: '2026-12-10T14:00:00Z' })).toBe(2);
    expect(stepsIn({ change: false, time: null })).toBe(0);
  });
});
