import { describe, expect, it } from 'vitest';
import { dueReminders, lookbackMs } from '../../../functions/invitations/reminders';
import type { Appointment } from '../../../functions/scheduling/appointment';

const hour = 3_600_000;
const start = Date.parse('2026-12-10T15:00:00.000Z');

const appointment = (changes: Partial<Appointment> = {}): Appointment => ({
  id: 'a1',
  providerId: 'p1',
  clientId: 'c1',
  startsAt: new Date(start).toISOString(),
  endsAt: new Date(start + hour).toISOString(),
  status: 'scheduled',
  video: true,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'staff',
  version: 1,
  ...changes,
});

const due = (a: Appointment, now: number) =>
  dueReminders([a], [24, 1], now).map((d) => d.hoursBefore);

describe('which reminders are due', () => {
  it('each offset from its moment for half an hour, not before', () => {
    expect(due(appointment(), start - 24 * hour - 1)).toEqual([]);
    expect(due(appointment(), start - 24 * hour)).toEqual([24]);
    expect(due(appointment(), start - 24 * hour + lookbackMs - 1)).toEqual([24]);
    expect(due(appointment(), start - 24 * hour + lookbackMs)).toEqual([]);
    expect(due(appointment(), start - hour + 60_000)).toEqual([1]);
  });

  it('none for a cancelled, completed or in-person appointment', () => {
    const now = start - hour;
    expect(due(appointment({ status: 'cancelled' }), now)).toEqual([]);
    expect(due(appointment({ status: 'completed' }), now)).toEqual([]);
    expect(due(appointment({ video: false }), now)).toEqual([]);
  });

  it('none when the appointment was made or moved after the moment (its own message said it)', () => {
    const now = start - hour + 10 * 60_000;
    const madeLate = new Date(start - hour + 60_000).toISOString();
    expect(due(appointment({ updatedAt: madeLate }), now)).toEqual([]);
    expect(due(appointment({ updatedAt: new Date(start - 2 * hour).toISOString() }), now)).toEqual([
      1,
    ]);
  });
});
