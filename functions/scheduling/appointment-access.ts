import type { UserActor } from '../identity/actor';
import { conflict, notFound } from '../platform/errors';
import { type Appointment, type AppointmentStore, BookingRaceError } from './appointment';
import type { ClinicSettings } from './clinic';

/**
 * Who may see an appointment, when its links stop working, and completing it when its visit
 * ends: what the visits and invitations contexts need of scheduling, without its calendar
 * rules (luxon stays out of their functions).
 */

/** Whether this person may see and change this appointment. */
export function mayManage(actor: UserActor, appointment: Pick<Appointment, 'providerId'>): boolean {
  if (actor.role === 'provider') return appointment.providerId === actor.sub;
  return actor.role === 'owner' || actor.role === 'manager' || actor.role === 'staff';
}

export async function requireAppointment(
  actor: UserActor,
  id: string,
  store: AppointmentStore,
): Promise<Appointment> {
  const appointment = await store.get(id);
  // Another provider's appointment is answered as unknown: its existence is not theirs to know.
  if (!appointment || !mayManage(actor, appointment)) {
    throw notFound('appointment.not_found', 'There is no appointment with this id.');
  }
  return appointment;
}

/** When an appointment's links stop working: the scheduled end plus the clinic's grace. */
export const linkExpiry = (endsAt: string, settings: Pick<ClinicSettings, 'graceMinutes'>) =>
  Math.floor((Date.parse(endsAt) + settings.graceMinutes * 60_000) / 1000);

/**
 * Marks an appointment completed when its visit ends, revoking every link, PIN and invitation
 * to it in the same write. Ending twice is harmless; a concurrent edit is read again.
 */
export async function completeAppointment(
  id: string,
  deps: { appointments: AppointmentStore; now: () => Date },
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = await deps.appointments.get(id);
    if (current?.status !== 'scheduled') return;
    const now = deps.now().toISOString();
    try {
      await deps.appointments.commit({
        create: [],
        update: {
          appointment: {
            ...current,
            status: 'completed',
            updatedAt: now,
            version: current.version + 1,
          },
          expectedVersion: current.version,
        },
        days: [],
        links: [],
        linkUpdates: [],
        appointmentLinks: { appointmentId: id, revokedAt: now },
      });
      return;
    } catch (error) {
      if (!(error instanceof BookingRaceError)) throw error;
    }
  }
  throw conflict('appointment.busy', 'The appointment is changing right now. Please try again.');
}
