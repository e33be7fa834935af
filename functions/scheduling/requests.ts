import type { UserActor } from '../identity/actor';
import { conflict } from '../platform/errors';
import { type Appointment, BookingRaceError } from './appointment';
import { requireAppointment } from './appointment-access';
import { type BookingDeps, cancelAs } from './booking';

/**
 * A booking request (an online booking by a new client where the provider approves them): the
 * provider, or staff who manage the calendar, approve it (the client then gets their
 * confirmation with the link, from the table's stream) or decline it (the time is free again
 * and the client is told).
 */
async function requirePending(actor: UserActor, id: string, deps: BookingDeps) {
  const current = await requireAppointment(actor, id, deps.appointments);
  if (!current.pendingApproval || current.status !== 'scheduled')
    throw conflict('appointment.not_pending', 'This appointment is not waiting for approval.');
  return current;
}

export async function approveRequest(
  actor: UserActor,
  id: string,
  deps: BookingDeps,
): Promise<Appointment> {
  const current = await requirePending(actor, id, deps);
  const { pendingApproval: _, ...rest } = current;
  const next: Appointment = {
    ...rest,
    updatedAt: deps.now().toISOString(),
    version: current.version + 1,
  };
  try {
    await deps.appointments.commit({
      create: [],
      update: { appointment: next, expectedVersion: current.version },
      days: [],
      links: [],
      linkUpdates: [],
    });
  } catch (error) {
    if (error instanceof BookingRaceError)
      throw conflict(
        'appointment.changed',
        'Someone else changed this appointment meanwhile. Reload it and try again.',
      );
    throw error;
  }
  return next;
}

export async function declineRequest(
  actor: UserActor,
  id: string,
  deps: BookingDeps,
): Promise<Appointment> {
  const current = await requirePending(actor, id, deps);
  const { pendingApproval: _, ...rest } = current;
  return cancelAs({ ...rest, declined: true }, deps, current.version);
}
