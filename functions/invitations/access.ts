import type { UserActor } from '../identity/actor';
import { conflict, forbidden, notFound } from '../platform/errors';
import type { Appointment, AppointmentStore } from '../scheduling/appointment';
import { mayManage } from '../scheduling/booking';
import type { ClinicSettings, SettingsStore } from '../scheduling/clinic';

/**
 * Who may invite to an appointment: staff and providers for appointments they can see; the
 * client for their own video appointment when the clinic allows clients to invite; nobody when
 * the clinic has guest invitations off.
 */
export async function requireInvitable(
  actor: UserActor,
  appointmentId: string,
  deps: { appointments: AppointmentStore; settings: SettingsStore },
): Promise<{ appointment: Appointment; settings: ClinicSettings }> {
  const settings = await deps.settings.get();
  if (!settings.guestInvitations)
    throw forbidden('invitations.disabled', 'This clinic has guest invitations turned off.');
  const appointment = await deps.appointments.get(appointmentId);
  const own = actor.role === 'client' && appointment?.clientId === actor.clientId;
  if (!appointment || !(mayManage(actor, appointment) || own)) {
    throw notFound('appointment.not_found', 'There is no appointment with this id.');
  }
  if (own && !settings.clientsMayInvite) {
    throw forbidden(
      'invitations.clients_not_allowed',
      'The clinic does not let clients invite guests. Ask the front desk.',
    );
  }
  if (!appointment.video)
    throw conflict('appointment.not_video', 'Only video sessions have invitations.');
  if (appointment.status !== 'scheduled')
    throw conflict('appointment.not_editable', `This appointment is ${appointment.status}.`);
  return { appointment, settings };
}

/**
 * Reading an appointment's invitations: whoever may see the appointment, in any status (the audit
 * log names the invitees of visits long over). Changing them needs requireInvitable.
 */
export async function requireInvitationsReadable(
  actor: UserActor,
  appointmentId: string,
  deps: { appointments: AppointmentStore },
): Promise<Appointment> {
  const appointment = await deps.appointments.get(appointmentId);
  const own = actor.role === 'client' && appointment?.clientId === actor.clientId;
  if (!appointment || !(mayManage(actor, appointment) || own)) {
    throw notFound('appointment.not_found', 'There is no appointment with this id.');
  }
  return appointment;
}
