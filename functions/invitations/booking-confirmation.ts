import type { UserActor } from '../identity/actor';
import type { InvitationDeps } from './deps';
import { sendInvitations } from './sending';

/**
 * The confirmation of a booking made on the public page: the client's own invitation (the
 * join link, the calendar event, the manage link), by email and, when they gave a phone, SMS.
 * Sent from the appointments table's stream after the booking's transaction, so the booking
 * answers without waiting for SES or SNS; sent once, as Send Now is (a channel told once is not
 * told again), and not at all once the booking was cancelled.
 */
export async function confirmOnlineBooking(
  appointmentId: string,
  deps: InvitationDeps,
): Promise<void> {
  const [appointment, invitees] = await Promise.all([
    deps.appointments.get(appointmentId),
    deps.invitees.list(appointmentId),
  ]);
  if (!appointment?.bookedOnline || appointment.status !== 'scheduled') return;
  const client = invitees.find((i) => i.kind === 'client');
  if (client && Object.values(client.deliveries).every((d) => d.state !== 'not-sent')) return;
  // The client sends their own invitation, as they could from the portal.
  const asClient: UserActor = {
    kind: 'user',
    sub: 'online-booking',
    role: 'client',
    email: '',
    displayName: 'Online booking',
    teletherapy: false,
    clientId: appointment.clientId,
  };
  await sendInvitations(asClient, appointmentId, {}, deps);
}
