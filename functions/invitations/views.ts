import type { UserActor } from '../identity/actor';
import type { Appointment } from '../scheduling/appointment';
import { guestRefusal, requireInvitationsReadable } from './access';
import type { InvitationDeps } from './deps';
import { type Delivery, type Invitee, maxInvitees } from './invitee';
import { linkOf, pinOf, stuckAfterMs } from './invitees';

/** A delivery as people see it: one cut off mid-send (queued for minutes) shows as failed. */
function presentDelivery(d: Delivery | undefined, now: number) {
  if (!d) return undefined;
  if (d.state === 'queued' && d.claimedAt && now - Date.parse(d.claimedAt) > stuckAfterMs) {
    return {
      state: 'failed' as const,
      attempts: d.attempts,
      reason: 'Interrupted before it was sent; send it again.',
    };
  }
  return {
    state: d.state,
    attempts: d.attempts,
    ...(d.sentAt ? { sentAt: d.sentAt } : {}),
    ...(d.reason ? { reason: d.reason } : {}),
  };
}

/** The invitation list of an appointment, with each person's link, PIN and delivery states. */
export async function listInvitees(actor: UserActor, appointmentId: string, deps: InvitationDeps) {
  const appointment = await requireInvitationsReadable(actor, appointmentId, deps);
  return presentInvitees(actor, appointment, await deps.invitees.list(appointmentId), deps);
}

/** The list as people see it, from an appointment and its invitees already read (or just sent). */
export async function presentInvitees(
  actor: UserActor,
  appointment: Appointment,
  all: readonly Invitee[],
  deps: InvitationDeps,
) {
  const now = deps.now().getTime();
  const invitees = all
    .filter((i) => !i.revokedAt)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const open = appointment.video && appointment.status === 'scheduled';
  const canInvite = open && !guestRefusal(actor, await deps.settings.get());
  // A client withdraws only the guests they invited; the client stays invited.
  const removable = (i: Invitee) =>
    open && i.kind !== 'client' && (actor.role !== 'client' || i.addedBy === actor.sub);
  return {
    ...(deps.dialInNumber() ? { dialInNumber: deps.dialInNumber() } : {}),
    canInvite,
    maxInvitees,
    invitees: await Promise.all(
      invitees.map(async (i) => {
        const email = presentDelivery(i.deliveries.email, now);
        const sms = presentDelivery(i.deliveries.sms, now);
        return {
          inviteeId: i.inviteeId,
          kind: i.kind,
          ...(i.contactId ? { contactId: i.contactId } : {}),
          ...(i.name ? { name: i.name } : {}),
          ...(i.email ? { email: i.email } : {}),
          ...(i.phone ? { phone: i.phone } : {}),
          pin: await pinOf(i, deps),
          link: await linkOf(i, appointment, deps),
          deliveries: { ...(email ? { email } : {}), ...(sms ? { sms } : {}) },
          removable: removable(i),
          createdAt: i.createdAt,
        };
      }),
    ),
  };
}
