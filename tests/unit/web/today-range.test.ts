import { describe, expect, it } from 'vitest';
import { onTodaysList, todayRange } from '../../../web/src/lib/visit/today-range';

// Unit tests run with TZ=UTC: the viewer's midnight is UTC's.
const range = (now: string, window = 15) => {
  const { from, to } = todayRange(new Date(now), window);
  return { from: from.toISOString(), to: to.toISOString() };
};

describe("the stretch the list of today's visits reads", () => {
  it('is the viewer’s day, midnight to midnight, from 16:00 on', () => {
    expect(range('2026-12-02T18:30:00Z')).toEqual({
      from: '2026-12-02T00:00:00.000Z',
      to: '2026-12-03T00:00:00.000Z',
    });
  });

  it('reaches past midnight by the join window in the day’s last minutes', () => {
    // At 23:55 a visit at 00:05 can already be started (its window opened at 23:50).
    expect(range('2026-12-02T23:55:00Z')).toEqual({
      from: '2026-12-02T00:00:00.000Z',
      to: '2026-12-03T00:10:00.000Z',
    });
    expect(range('2026-12-02T23:44:59Z').to).toBe('2026-12-03T00:00:00.000Z');
  });

  it('reaches 16 hours back until 16:00, for a visit begun the evening before', () => {
    // The longest appointment (12 hours) and the longest grace (4 hours) after it.
    expect(range('2026-12-03T00:00:30Z')).toEqual({
      from: '2026-12-02T08:00:30.000Z',
      to: '2026-12-04T00:00:00.000Z',
    });
    expect(range('2026-12-03T15:59:59Z').from).toBe('2026-12-02T23:59:59.000Z');
    expect(range('2026-12-03T16:00:01Z').from).toBe('2026-12-03T00:00:00.000Z');
  });
});

describe("what of the stretch is on today's list", () => {
  const midnight = new Date('2026-12-03T00:00:00Z');
  const at = (iso: string) => Date.parse(iso);
  const late = { startsAt: '2026-12-02T23:30:00Z', endsAt: '2026-12-03T00:20:00Z' };

  it('keeps a visit begun before midnight while its join window is open, with the grace', () => {
    expect(onTodaysList(late, midnight, 30, at('2026-12-03T00:05:00Z'))).toBe(true);
    expect(onTodaysList(late, midnight, 30, at('2026-12-03T00:49:59Z'))).toBe(true);
    expect(onTodaysList(late, midnight, 30, at('2026-12-03T00:50:00Z'))).toBe(false);
  });

  it('leaves out yesterday’s visits that are over, and keeps all of today’s', () => {
    const evening = { startsAt: '2026-12-02T18:00:00Z', endsAt: '2026-12-02T18:50:00Z' };
    expect(onTodaysList(evening, midnight, 30, at('2026-12-03T00:05:00Z'))).toBe(false);
    const morning = { startsAt: '2026-12-03T08:00:00Z', endsAt: '2026-12-03T08:50:00Z' };
    expect(onTodaysList(morning, midnight, 30, at('2026-12-03T22:00:00Z'))).toBe(true);
  });
});
