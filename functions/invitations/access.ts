import type { UserActor } from '../identity/actor';
import { type AppError, conflict, forbidden, notFound } from '../platform/errors';
import type { Appointment, AppointmentStore } from '../scheduling/appointment';
import { mayManage } from '../scheduling/appointment-access';
import type { ClinicSettings, SettingsStore } from '../scheduling/clinic';

/**
 * Who may manage an appointment's invitations, whatever the clinic's settings: staff and
 * providers for appointments they can see, and the client for their own. Withdrawing and sending
 * the client their own invitation need only this: turning a setting off must never make it
 * harder to take access back.
 */
export async function requireManageable(
  actor: UserActor,
  appointmentId: string,
  deps: { appointments: AppointmentStore; settings: SettingsStore },
  known?: ClinicSettings,
): Promise<{
  appointment: Appointment;
  settings: ClinicSettings;
  /** Why this person may not invite or send to guests now; undefined when they may. */
  guestsRefused: AppError | undefined;
}> {
  const settings = known ?? (await deps.settings.get());
  const appointment = await deps.appointments.get(appointmentId);
  const own = actor.role === 'client' && appointment?.clientId === actor.clientId;
  if (!appointment || !(mayManage(actor, appointment) || own)) {
    throw notFound('appointment.not_found', 'There is no appointment with this id.');
  }
  if (!appointment.video)
    throw conflict('appointment.not_video', 'Only video sessions have invitations.');
  if (appointment.status !== 'scheduled')
    throw conflict('appointment.not_editable', `This appointment is ${appointment.status}.`);
  return { appointment, settings, guestsRefused: guestRefusal(actor, settings) };
}

/** Why this person may not invite or send to guests now, or undefined when they may. */
export function guestRefusal(actor: UserActor, settings: ClinicSettings): AppError | undefined {
  if (!settings.guestInvitations)
    return forbidden('invitations.disabled', 'This clinic has guest invitations turned off.');
  if (actor.role === 'client' && !settings.clientsMayInvite)
    return forbidden(
      'invitations.clients_not_allowed',
      'The clinic does not let clients invite guests. Ask the front desk.',
    );
  return undefined;
}

/**
 * Who may invite to an appointment, or send guests their invitations: staff and providers for
 * appointments they can see; the client for their own video appointment when the clinic allows
 * clients to invite; nobody when the clinic has guest invitations off.
 */
export async function requireInvitable(
  actor: UserActor,
  appointmentId: string,
  deps: { appointments: AppointmentStore; settings: SettingsStore },
): Promise<{ appointment: Appointment; settings: ClinicSettings }> {
  const settings = await deps.settings.get();
  // Invitations off answer the same to everyone, before anything about the appointment.
  const off = settings.guestInvitations ? undefined : guestRefusal(actor, settings);
  if (off) throw off;
  const { appointment, guestsRefused } = await requireManageable(
    actor,
    appointmentId,
    deps,
    settings,
  );
  if (guestsRefused) throw guestsRefused;
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
