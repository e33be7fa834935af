import { describe, expect, it } from 'vitest';
import { todayRange } from '../../../web/src/lib/visit/today-range';

// Unit tests run with TZ=UTC: the viewer's midnight is UTC's.
const range = (now: string, window = 15) => {
  const { from, to } = todayRange(new Date(now), window);
  return { from: from.toISOString(), to: to.toISOString() };
};

describe("the stretch the list of today's visits reads", () => {
  it('is the viewer’s day, midnight to midnight, for most of it', () => {
    expect(range('2026-12-02T14:30:00Z')).toEqual({
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

  it('starts again at midnight', () => {
    expect(range('2026-12-03T00:00:30Z')).toEqual({
      from: '2026-12-03T00:00:00.000Z',
      to: '2026-12-04T00:00:00.000Z',
    });
  });
});
