import { describe, expect, it } from 'vitest';
import {
  errorsUnder,
  missing,
  nextStretch,
  requestOf,
  typeId,
  unplaced,
  valuesOf,
} from '../../../web/src/routes/(app)/settings/booking/booking-values';

const saved = {
  providerId: 'p1',
  teletherapy: true,
  updatedAt: '2026-01-01T00:00:00.000Z',
  enabled: true,
  timeZone: 'America/New_York',
  weekly: [
    { weekday: 1, hours: [{ start: '09:00', end: '17:00' }] },
    { weekday: 6, hours: [{ start: '20:00', end: '24:00' }] },
  ],
  overrides: [{ date: '2026-12-24', hours: [] }],
  visitTypes: [{ id: 'session-50', name: 'Video session', minutes: 50 }],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 10,
  minimumNoticeMinutes: 60,
  horizonDays: 30,
  cancelCutoffHours: 24,
  newClients: 'book' as const,
};

describe('the online booking settings form', () => {
  it('sends every weekday in order, midnight as 24:00, and stretches sorted', () => {
    // Prepare: the form as loaded, then a second stretch added before the first on Monday.
    const values = valuesOf(saved);
    values.weekly[0]?.push({ start: '07:00', end: '08:00' });
    // Act
    const body = requestOf(values);
    // Assess
    expect(values.weekly[5]).toEqual([{ start: '20:00', end: '00:00' }]);
    expect(body.weekly.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(body.weekly[0]?.hours).toEqual([
      { start: '07:00', end: '08:00' },
      { start: '09:00', end: '17:00' },
    ]);
    expect(body.weekly[5]?.hours).toEqual([{ start: '20:00', end: '24:00' }]);
    expect(body.weekly[1]?.hours).toEqual([]);
  });

  it('sends a day off as no hours, whatever hours the form still holds for it', () => {
    const values = valuesOf(saved);
    values.overrides.push({ date: '2026-12-31', dayOff: false, hours: [nextStretch(undefined)] });
    values.overrides[0]?.hours.push(nextStretch(undefined));
    expect(requestOf(values).overrides).toEqual([
      { date: '2026-12-24', hours: [] },
      { date: '2026-12-31', hours: [{ start: '09:00', end: '17:00' }] },
    ]);
  });

  it('gives a new visit type an id from its name, unique among the others', () => {
    const values = valuesOf(saved);
    values.visitTypes.push({ id: '', name: 'Video session', minutes: 30 });
    values.visitTypes.push({ id: '', name: 'Première séance!', minutes: 80 });
    expect(requestOf(values).visitTypes.map((t) => t.id)).toEqual([
      'session-50',
      'video-session',
      'premiere-seance',
    ]);
    expect(typeId('video-session', new Set(['video-session', 'video-session-2']))).toBe(
      'video-session-3',
    );
  });

  it('adds the hour after the last stretch, and 9 to 5 on an empty day', () => {
    expect(nextStretch(undefined)).toEqual({ start: '09:00', end: '17:00' });
    expect(nextStretch({ start: '09:00', end: '12:00' })).toEqual({ start: '12:00', end: '13:00' });
    expect(nextStretch({ start: '20:00', end: '00:00' })).toEqual({ start: '23:00', end: '00:00' });
  });

  it('puts the API’s messages beside their rows, and keeps any other for the banner', () => {
    const fields = {
      'weekly.2.hours.0.end': 'Use HH:mm, 24-hour',
      'weekly.2.hours': 'Hours 18:00–17:00 end before they start',
      'weekly.12': 'nope',
      'visitTypes.0.name': 'Name is required',
      body: 'Something else',
    };
    expect(errorsUnder(fields, 'weekly.2')).toEqual([
      'Use HH:mm, 24-hour',
      'Hours 18:00–17:00 end before they start',
    ]);
    expect(errorsUnder(fields, 'weekly.1')).toEqual([]);
    expect(unplaced(fields)).toEqual(['body: Something else']);
  });

  it('asks for a visit type’s name and an override’s date before sending', () => {
    const values = valuesOf(saved);
    values.visitTypes.push({ id: '', name: '  ', minutes: 30 });
    values.overrides.push({ date: '', dayOff: true, hours: [] });
    expect(missing(values)).toEqual({
      'visitTypes.1.name': 'Give the visit type a name',
      'overrides.1.date': 'Choose a date',
    });
    expect(missing(valuesOf(saved))).toEqual({});
  });
});
