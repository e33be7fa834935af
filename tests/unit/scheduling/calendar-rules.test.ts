import { describe, expect, it } from 'vitest';
import {
  findOverlap,
  overlaps,
  timeProblems,
  utcDays,
} from '../../../functions/scheduling/calendar-rules';
import { weeklyOccurrences } from '../../../functions/scheduling/weekly';

const slot = (appointmentId: string, startsAt: string, endsAt: string) => ({
  appointmentId,
  startsAt,
  endsAt,
});

describe('calendar rules', () => {
  it('treats appointments as half-open: back-to-back is not an overlap', () => {
    expect(
      overlaps(
        slot('a', '2026-11-23T15:00:00.000Z', '2026-11-23T16:00:00.000Z'),
        slot('b', '2026-11-23T16:00:00.000Z', '2026-11-23T17:00:00.000Z'),
      ),
    ).toBe(false);
    expect(
      overlaps(
        slot('a', '2026-11-23T15:00:00.000Z', '2026-11-23T16:00:00.000Z'),
        slot('b', '2026-11-23T15:59:00.000Z', '2026-11-23T17:00:00.000Z'),
      ),
    ).toBe(true);
    expect(
      overlaps(
        slot('a', '2026-11-23T15:00:00.000Z', '2026-11-23T18:00:00.000Z'),
        slot('b', '2026-11-23T16:00:00.000Z', '2026-11-23T17:00:00.000Z'),
      ),
    ).toBe(true);
  });

  it('finds the clash but never an appointment with itself (moving it)', () => {
    const booked = [slot('a', '2026-11-23T15:00:00.000Z', '2026-11-23T16:00:00.000Z')];
    expect(
      findOverlap(booked, slot('a', '2026-11-23T15:30:00.000Z', '2026-11-23T16:30:00.000Z')),
    ).toBeUndefined();
    expect(
      findOverlap(booked, slot('b', '2026-11-23T15:30:00.000Z', '2026-11-23T16:30:00.000Z'))
        ?.appointmentId,
    ).toBe('a');
  });

  it('lists the UTC days an appointment touches, two when it crosses midnight UTC', () => {
    expect(utcDays('2026-11-23T15:00:00.000Z', '2026-11-23T16:00:00.000Z')).toEqual(['2026-11-23']);
    expect(utcDays('2026-11-23T23:30:00.000Z', '2026-11-24T00:20:00.000Z')).toEqual([
      '2026-11-23',
      '2026-11-24',
    ]);
    expect(utcDays('2026-11-23T23:30:00.000Z', '2026-11-24T00:00:00.000Z')).toEqual(['2026-11-23']);
  });

  it('repeats weekly at the same wall-clock time across a daylight-saving change', async () => {
    // 10:00 in New York on 26 Oct 2026 (EDT, UTC-4), weekly over the 1 Nov change to EST (UTC-5).
    const series = await weeklyOccurrences(
      '2026-10-26T14:00:00.000Z',
      '2026-10-26T14:50:00.000Z',
      3,
      'America/New_York',
    );
    expect(series).toEqual([
      { startsAt: '2026-10-26T14:00:00.000Z', endsAt: '2026-10-26T14:50:00.000Z' },
      { startsAt: '2026-11-02T15:00:00.000Z', endsAt: '2026-11-02T15:50:00.000Z' },
      { startsAt: '2026-11-09T15:00:00.000Z', endsAt: '2026-11-09T15:50:00.000Z' },
    ]);
    // One visit is itself, in UTC, whatever offset it was written with.
    expect(
      await weeklyOccurrences('2026-10-26T10:00:00-04:00', '2026-10-26T10:50:00-04:00', 1, 'UTC'),
    ).toEqual([{ startsAt: '2026-10-26T14:00:00.000Z', endsAt: '2026-10-26T14:50:00.000Z' }]);
  });

  it('names the field when times make no sense', () => {
    expect(timeProblems('2026-11-23T15:00:00.000Z', '2026-11-23T14:00:00.000Z')).toEqual({
      endsAt: 'The end must be after the start',
    });
    expect(timeProblems('2026-11-23T15:00:00.000Z', '2026-11-23T15:00:00.000Z')).toEqual({
      endsAt: 'The end must be after the start',
    });
    expect(timeProblems('2026-11-23T15:00:00.000Z', '2026-11-23T15:04:00.000Z')).toEqual({
      endsAt: 'An appointment lasts at least 5 minutes',
    });
    expect(timeProblems('2026-11-23T15:00:00.000Z', '2026-11-24T03:01:00.000Z')).toEqual({
      endsAt: 'An appointment lasts at most 12 hours',
    });
    expect(timeProblems('2026-11-23T15:00:00.000Z', '2026-11-23T15:50:00.000Z')).toEqual({});
  });
});
