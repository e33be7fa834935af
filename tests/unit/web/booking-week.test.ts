import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayIn,
  groupByDay,
  lastWeek,
  startOfDay,
  weekHolding,
  weekRange,
} from '../../../web/src/lib/booking/week';
import { zoneOptions } from '../../../web/src/lib/booking/zones';

const slot = (startsAt: string) => ({
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 50 * 60_000).toISOString(),
});

describe('weeks of free times in the visitor’s zone', () => {
  it('finds the day an instant falls on in a zone, not in UTC', () => {
    // Prepare: 02:30 UTC on June 2 is still June 1 in New York and already June 2 in Kolkata.
    const instant = '2026-06-02T02:30:00Z';
    // Act / Assess
    expect(dayIn(instant, 'America/New_York')).toBe('2026-06-01');
    expect(dayIn(instant, 'Asia/Kolkata')).toBe('2026-06-02');
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-29', 7)).toBe('2027-01-05');
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
  });

  it('starts each day at local midnight, on either side of a daylight-saving change', () => {
    expect(startOfDay('2026-03-08', 'America/New_York').toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(startOfDay('2026-03-09', 'America/New_York').toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
    expect(startOfDay('2026-11-01', 'America/New_York').toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
    expect(startOfDay('2026-06-01', 'Asia/Kolkata').toISOString()).toBe('2026-05-31T18:30:00.000Z');
  });

  it('spans seven local days per page: 167 hours across the spring change, within nine days', () => {
    // Act: the second page from March 1 holds March 8, New York's spring change.
    const range = weekRange('2026-03-01', 1, 'America/New_York');
    // Assess
    expect(range.days).toEqual([
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
    ]);
    expect(range.from).toBe('2026-03-08T05:00:00.000Z');
    expect(range.to).toBe('2026-03-15T04:00:00.000Z');
    expect((Date.parse(range.to) - Date.parse(range.from)) / 3_600_000).toBe(167);
  });

  it('groups slots by their local day, in order, leaving out days without any', () => {
    // Prepare: a late-evening New York slot that is already the next day in UTC.
    const days = weekRange('2026-06-01', 0, 'America/New_York').days;
    const slots = [
      slot('2026-06-01T13:00:00Z'),
      slot('2026-06-02T01:00:00Z'),
      slot('2026-06-03T14:00:00Z'),
      slot('2026-06-12T14:00:00Z'),
    ];
    // Act
    const grouped = groupByDay(slots, days, 'America/New_York');
    // Assess: both first slots are June 1 in New York; the one past the week is left out.
    expect(grouped.map((d) => [d.day, d.slots.length])).toEqual([
      ['2026-06-01', 2],
      ['2026-06-03', 1],
    ]);
  });

  it('pages up to the provider’s horizon, a day of zone difference included', () => {
    expect(lastWeek(6)).toBe(1);
    expect(lastWeek(5)).toBe(0);
    expect(lastWeek(30)).toBe(4);
  });
});

describe('the time zones a visitor may read times in', () => {
  it('lists their own zone first, then the provider’s, then common ones, each once', () => {
    // Act
    const options = zoneOptions('Europe/Berlin', 'America/New_York');
    // Assess
    expect(options.slice(0, 2)).toEqual([
      { value: 'Europe/Berlin', label: 'Berlin (yours)' },
      { value: 'America/New_York', label: "New York (provider's)" },
    ]);
    expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
  });

  it('says so once when the visitor is in the provider’s zone', () => {
    const [first] = zoneOptions('America/New_York', 'America/New_York');
    expect(first?.label).toBe("New York (yours, provider's)");
  });

  it('names each by its place, short enough for a 320 px phone', () => {
    const options = zoneOptions('America/Argentina/Buenos_Aires', 'America/Los_Angeles');
    expect(options.map((o) => o.label)).toContain('Buenos Aires (yours)');
    expect(options.map((o) => o.label)).toContain('UTC');
    for (const option of options) expect(option.label.length).toBeLessThanOrEqual(30);
  });
});

describe('the page of free times that holds a time', () => {
  it('counts weeks from today in the visitor’s zone, within the horizon', () => {
    // Prepare: today is Tuesday 2026-12-01 in New York; pages run Tuesday to Monday.
    const today = '2026-12-01';
    const zone = 'America/New_York';
    // Act / Assess: late on Monday the 7th (UTC already the 8th) is still the first page.
    expect(weekHolding(today, '2026-12-08T03:30:00Z', zone, 60)).toBe(0);
    expect(weekHolding(today, '2026-12-08T14:00:00Z', zone, 60)).toBe(1);
    expect(weekHolding(today, '2026-12-22T15:00:00Z', zone, 60)).toBe(3);
    // Past the last page, or before today: the first page.
    expect(weekHolding(today, '2027-06-01T15:00:00Z', zone, 60)).toBe(0);
    expect(weekHolding(today, '2026-11-20T15:00:00Z', zone, 60)).toBe(0);
  });
});
