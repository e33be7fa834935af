import { htmlEmail } from '../accounts/messages';
import type { UserActor } from '../identity/actor';
import type { Appointment } from '../scheduling/appointment';
import type { InvitationDeps } from './deps';
import { messageZone } from './invitees';
import { when } from './messages';
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
  if (!appointment?.bookedOnline || appointment.pendingApproval) return;
  if (appointment.declined) return tellDeclined(appointment, deps);
  if (appointment.status !== 'scheduled') return;
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

/**
 * A declined request: the client hears that the time was not confirmed (nothing else: no
 * reason, nothing about them). Sent when the table's stream brings the decline; a retried
 * batch may send it twice, which says nothing new.
 */
async function tellDeclined(appointment: Appointment, deps: InvitationDeps): Promise<void> {
  const [client, provider, settings] = await Promise.all([
    deps.clients.get(appointment.clientId),
    deps.names.get(appointment.providerId),
    deps.settings.get(),
  ]);
  if (!client?.email) return;
  const providerName = provider?.displayName ?? 'Your provider';
  const w = when({
    ...appointment,
    timeZone: messageZone({ kind: 'client' }, appointment, settings.timeZone),
  });
  const subject = `Not confirmed: video visit with ${providerName} on ${w.shortDay}`;
  const lines = [
    `Your request for a video visit with ${providerName} on ${w.day}, ${w.time}, could not be confirmed.`,
    'Please choose another time on the booking page, or call the clinic.',
  ];
  await deps.mailer.send({
    to: client.email,
    subject,
    text: lines.join('\n\n'),
    html: htmlEmail(subject, lines),
  });
}
