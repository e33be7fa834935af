import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type BookingRules, freeSlots, hoursOn } from '../../../functions/booking/slots';

const everyDay = (hours: { start: string; end: string }[]) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, hours }));

function rules(overrides: Partial<BookingRules> = {}): BookingRules {
  return {
    timeZone: 'America/New_York',
    weekly: everyDay([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]),
    overrides: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeMinutes: 0,
    horizonDays: 400,
    stepMinutes: 30,
    ...overrides,
  };
}

/** The free slots of one local date in the provider's zone, seen from well before it. */
function slotsOn(
  r: BookingRules,
  date: string,
  duration = 50,
  taken: { startsAt: string; endsAt: string }[] = [],
) {
  const day = DateTime.fromISO(date, { zone: r.timeZone });
  return freeSlots(
    r,
    duration,
    taken,
    { from: day.toUTC().toISO() ?? '', to: day.plus({ days: 1 }).toUTC().toISO() ?? '' },
    '2026-01-01T00:00:00Z',
  ).map((s) => s.startsAt);
}

const z = (iso: string) => new Date(iso).toISOString();

describe('free slots across time zones and daylight-saving changes', () => {
  it.each([
    // zone, local date, the 09:00 and 13:00 starts as UTC instants
    ['America/New_York', '2026-03-07', '2026-03-07T14:00:00Z', '2026-03-07T18:00:00Z'],
    ['America/New_York', '2026-03-08', '2026-03-08T13:00:00Z', '2026-03-08T17:00:00Z'],
    ['America/New_York', '2026-10-31', '2026-10-31T13:00:00Z', '2026-10-31T17:00:00Z'],
    ['America/New_York', '2026-11-01', '2026-11-01T14:00:00Z', '2026-11-01T18:00:00Z'],
    ['Europe/London', '2026-03-28', '2026-03-28T09:00:00Z', '2026-03-28T13:00:00Z'],
    ['Europe/London', '2026-03-29', '2026-03-29T08:00:00Z', '2026-03-29T12:00:00Z'],
    ['Asia/Kolkata', '2026-03-29', '2026-03-29T03:30:00Z', '2026-03-29T07:30:00Z'],
    // Lord Howe moves half an hour: +11 until 2026-04-05 02:00, then +10:30.
    ['Australia/Lord_Howe', '2026-04-04', '2026-04-03T22:00:00Z', '2026-04-04T02:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-05', '2026-04-04T22:30:00Z', '2026-04-05T02:30:00Z'],
  ])('%s on %s: 09:00 and 13:00 local are %s and %s', (timeZone, date, nine, one) => {
    const found = slotsOn(rules({ timeZone }), date);
    expect(found[0]).toBe(z(nine));
    expect(found).toContain(z(one));
    // 09:00–12:00 and 13:00–17:00 in 30-minute steps, 50 minutes long: 5 + 7 slots.
    expect(found).toHaveLength(12);
  });

  it('hours across the spring gap: no slot at a time that does not exist, only real minutes', () => {
    const r = rules({ weekly: everyDay([{ start: '01:00', end: '04:00' }]) });
    // 01:00–04:00 on 2026-03-08 in New York lasts two real hours (02:00 never happens).
    expect(slotsOn(r, '2026-03-08', 30)).toEqual(
      ['06:00', '06:30', '07:00', '07:30'].map((t) => z(`2026-03-08T${t}:00Z`)),
    );
    const local = slotsOn(r, '2026-03-08', 30).map((s) =>
      DateTime.fromISO(s, { zone: 'America/New_York' }).toFormat('HH:mm'),
    );
    expect(local).toEqual(['01:00', '01:30', '03:00', '03:30']);
  });

  it('hours across the autumn overlap last as long as the day really had', () => {
    const r = rules({ weekly: everyDay([{ start: '00:00', end: '03:00' }]), stepMinutes: 60 });
    // 00:00 EDT to 03:00 EST is four real hours; 01:00 happens twice.
    expect(slotsOn(r, '2026-11-01', 60)).toEqual(
      ['04:00', '05:00', '06:00', '07:00'].map((t) => z(`2026-11-01T${t}:00Z`)),
    );
  });

  it('a wall time in the gap starts at the later side; one in the overlap at the earlier', () => {
    const r = rules({ weekly: everyDay([{ start: '02:30', end: '05:00' }]) });
    const spring = hoursOn(r, DateTime.fromISO('2026-03-08', { zone: 'America/New_York' }));
    expect(new Date(spring[0]?.start ?? 0).toISOString()).toBe(z('2026-03-08T07:30:00Z')); // 03:30 EDT
    const overlap = rules({ weekly: everyDay([{ start: '01:30', end: '05:00' }]) });
    const autumn = hoursOn(overlap, DateTime.fromISO('2026-11-01', { zone: 'America/New_York' }));
    expect(new Date(autumn[0]?.start ?? 0).toISOString()).toBe(z('2026-11-01T05:30:00Z')); // 01:30 EDT
  });

  it('minimum notice that ends across the spring change', () => {
    const r = rules({
      weekly: everyDay([{ start: '00:00', end: '12:00' }]),
      minimumNoticeMinutes: 120,
    });
    // Now is 01:30 EST; two hours later is 04:30 EDT (08:30Z), not 03:30.
    const found = freeSlots(
      r,
      30,
      [],
      { from: '2026-03-08T05:00:00Z', to: '2026-03-08T17:00:00Z' },
      '2026-03-08T06:30:00Z',
    );
    expect(found[0]?.startsAt).toBe(z('2026-03-08T08:30:00Z'));
  });
});

describe('free slots around appointments, overrides and the horizon', () => {
  it('keeps the buffers before and after each appointment, and around the new one', () => {
    const r = rules({ bufferBeforeMinutes: 10, bufferAfterMinutes: 10, stepMinutes: 10 });
    // 10:00–10:50 local (EST in January: +5 h) is taken.
    const taken = [{ startsAt: '2026-01-14T15:00:00Z', endsAt: '2026-01-14T15:50:00Z' }];
    const found = slotsOn(r, '2026-01-14', 50, taken).map((s) =>
      DateTime.fromISO(s, { zone: 'America/New_York' }).toFormat('HH:mm'),
    );
    // 09:00 would hold 08:50–09:50 and touch the appointment's 09:50–11:00; 11:10 holds
    // 11:00–12:10 and fits (its 50 minutes end at noon, with the hours).
    expect(found.filter((t) => t < '12:00')).toEqual(['11:10']);
    expect(found).toContain('13:00');
    const noBuffers = slotsOn(rules({ stepMinutes: 10 }), '2026-01-14', 50, taken).map((s) =>
      DateTime.fromISO(s, { zone: 'America/New_York' }).toFormat('HH:mm'),
    );
    expect(noBuffers).toContain('09:10');
    expect(noBuffers).not.toContain('09:20');
    expect(noBuffers).toContain('10:50');
  });

  it('a day off, other hours on one date, and nothing past the horizon', () => {
    const r = rules({
      overrides: [
        { date: '2026-01-15', hours: [] },
        { date: '2026-01-16', hours: [{ start: '18:00', end: '19:00' }] },
      ],
      horizonDays: 3,
    });
    const from = '2026-01-14T05:00:00Z';
    const now = '2026-01-14T05:00:00Z'; // local midnight: today is the 14th
    const found = freeSlots(r, 60, [], { from, to: '2026-01-25T00:00:00Z' }, now).map((s) =>
      DateTime.fromISO(s.startsAt, { zone: 'America/New_York' }).toISODate(),
    );
    expect(found).toContain('2026-01-14');
    expect(found).not.toContain('2026-01-15');
    expect(found.filter((d) => d === '2026-01-16')).toHaveLength(1);
    expect(found).toContain('2026-01-17');
    expect(found).not.toContain('2026-01-18');
  });
});

describe('free slots, whatever the rules (property)', () => {
  const zones = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
  const wall = fc
    .integer({ min: 0, max: 47 })
    .map((half) => `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`);
  const hours = fc
    .tuple(wall, wall)
    .map(([a, b]) => (a < b ? { start: a, end: b } : { start: b, end: a }));

  it('never overlaps an appointment with its buffers, and lies inside the hours', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(hours, { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom(15, 30, 50, 60),
        fc.constantFrom(5, 10, 15, 30),
        // Around the 2026 spring and autumn changes of all these zones.
        fc.constantFrom('2026-03-07', '2026-03-28', '2026-04-04', '2026-10-24', '2026-10-31'),
        fc.array(
          fc.record({
            offset: fc.integer({ min: 0, max: 4 * 24 * 60 }),
            length: fc.integer({ min: 10, max: 120 }),
          }),
          { maxLength: 8 },
        ),
        (timeZone, dayHours, before, after, duration, step, first, busy) => {
          const r = rules({
            timeZone,
            weekly: everyDay(dayHours),
            bufferBeforeMinutes: before,
            bufferAfterMinutes: after,
            stepMinutes: step,
          });
          const start = DateTime.fromISO(first, { zone: timeZone });
          const taken = busy.map((b) => {
            const at = start.plus({ minutes: b.offset });
            return {
              startsAt: at.toUTC().toISO() ?? '',
              endsAt: at.plus({ minutes: b.length }).toUTC().toISO() ?? '',
            };
          });
          const found = freeSlots(
            r,
            duration,
            taken,
            {
              from: start.toUTC().toISO() ?? '',
              to: start.plus({ days: 4 }).toUTC().toISO() ?? '',
            },
            '2026-01-01T00:00:00Z',
          );
          const days = new Map<string, { start: number; end: number }[]>();
          const hoursOf = (d: DateTime) => {
            const key = d.toISODate() ?? '';
            if (!days.has(key)) days.set(key, hoursOn(r, d.startOf('day')));
            return days.get(key) ?? [];
          };
          for (const slot of found) {
            const s = Date.parse(slot.startsAt);
            const e = Date.parse(slot.endsAt);
            expect(e - s).toBe(duration * 60_000);
            for (const t of taken) {
              const overlaps =
                s - before * 60_000 < Date.parse(t.endsAt) + after * 60_000 &&
                Date.parse(t.startsAt) - before * 60_000 < e + after * 60_000;
              expect(overlaps).toBe(false);
            }
            const local = DateTime.fromMillis(s, { zone: timeZone });
            const inside = [local.minus({ days: 1 }), local].some((d) =>
              hoursOf(d).some((h) => h.start <= s && e <= h.end),
            );
            expect(inside).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});
