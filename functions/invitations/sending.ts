import type { UserActor } from '../identity/actor';
import { notFound } from '../platform/errors';
import { logger } from '../platform/logger';
import type { Appointment } from '../scheduling/appointment';
import type { ClinicSettings } from '../scheduling/clinic';
import { requireManageable } from './access';
import { accountForFirstInvitation, markPasswordSent } from './contact-accounts';
import type { InvitationDeps } from './deps';
import type { Channel, Invitee } from './invitee';
import { ensureClientInvitee, linkOf, stuckAfterMs } from './invitees';
import { type InvitationFacts, invitationEmail, invitationSms } from './messages';

/** A reason a person can act on, never the provider's raw error text (it may echo addresses). */
function failureReason(channel: Channel, error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (channel === 'email' && name === 'MessageRejected')
    return 'The email service refused the message (the sending address is not verified).';
  if (channel === 'sms' && /InvalidParameter/.test(name))
    return 'The text message service refused the phone number.';
  if (/Throttl|TooMany|LimitExceeded/.test(name))
    return 'The message service is busy; try again in a minute.';
  return 'The message could not be sent; try again.';
}

async function deliver(
  invitee: Invitee,
  channel: Channel,
  facts: InvitationFacts,
  deps: InvitationDeps,
): Promise<void> {
  if (channel === 'sms' && invitee.phone) {
    await deps.sms.send(invitee.phone, invitationSms(facts));
    return;
  }
  if (!invitee.email) return;
  const account =
    invitee.kind === 'contact' && invitee.contactId
      ? await accountForFirstInvitation(invitee.contactId, deps)
      : undefined;
  const signInUrl = `${await deps.appUrl()}/sign-in`;
  await deps.mailer.send({
    to: invitee.email,
    ...invitationEmail({ ...facts, ...(account ? { account: { ...account, signInUrl } } : {}) }),
  });
  if (account && invitee.contactId) await markPasswordSent(invitee.contactId, deps);
}

/**
 * One invitee, one channel: claim the delivery (recorded before the attempt), send, record how
 * it ended. A claim that fails means someone else is sending it (a double click): skip.
 */
async function sendOne(
  invitee: Invitee,
  channel: Channel,
  context: {
    appointment: Appointment;
    settings: ClinicSettings;
    providerName: string;
    mode: 'first' | 'again' | 'retry';
    actor: string;
  },
  deps: InvitationDeps,
): Promise<void> {
  const now = deps.now();
  const attemptId = deps.newId();
  const staleBefore = new Date(now.getTime() - stuckAfterMs).toISOString();
  if (
    !(await deps.invitees.claim(
      invitee,
      channel,
      attemptId,
      now.toISOString(),
      context.mode,
      staleBefore,
    ))
  )
    return;
  try {
    const facts: InvitationFacts = {
      providerName: context.providerName,
      startsAt: context.appointment.startsAt,
      endsAt: context.appointment.endsAt,
      timeZone: context.settings.timeZone,
      joinUrl: await linkOf(invitee, context.appointment, deps),
      ...(deps.dialInNumber() ? { dialInNumber: deps.dialInNumber() } : {}),
      pin: invitee.pin,
      eventId: context.appointment.id,
    };
    await deliver(invitee, channel, facts, deps);
    const at = deps.now().toISOString();
    await deps.invitees.finish(invitee, channel, attemptId, { state: 'sent', at });
    await audit(invitee, channel, attemptId, 'invitation.sent', at, context.actor, deps);
  } catch (error) {
    logger.warn('invitation not delivered', {
      appointmentId: invitee.appointmentId,
      inviteeId: invitee.inviteeId,
      channel,
      errorName: error instanceof Error ? error.name : 'unknown',
    });
    const at = deps.now().toISOString();
    await deps.invitees.finish(invitee, channel, attemptId, {
      state: 'failed',
      at,
      reason: failureReason(channel, error),
    });
    await audit(invitee, channel, attemptId, 'invitation.failed', at, context.actor, deps);
  }
}

/** Each attempt's outcome, once, in the audit trail (ids and the channel only). */
function audit(
  invitee: Invitee,
  channel: Channel,
  attemptId: string,
  type: string,
  at: string,
  actor: string,
  deps: InvitationDeps,
) {
  return deps.audit.append([
    {
      eventId: `${invitee.appointmentId}:${type}:${attemptId}`,
      visitId: invitee.appointmentId,
      at,
      type,
      actor,
      subject: invitee.inviteeId,
      details: { channel },
    },
  ]);
}

/**
 * Send Now: notifies everyone invited who has not been notified yet. With `inviteeId`, one
 * person: "Send again" (`retry` unset) deliberately sends every channel again; "Retry" sends only
 * the channels that failed (or were cut off), so a person whose email went out and whose SMS
 * failed gets the SMS, not a second email. Double clicks send once: each delivery is claimed by a
 * conditional write before anything is sent. With guest invitations off, only the client's own
 * invitation is sent: it is not a guest invitation.
 */
export async function sendInvitations(
  actor: UserActor,
  appointmentId: string,
  options: { inviteeId?: string; retry?: boolean },
  deps: InvitationDeps,
): Promise<void> {
  const { appointment, settings, guestsRefused } = await requireManageable(
    actor,
    appointmentId,
    deps,
  );
  await ensureClientInvitee(appointment, settings, deps);
  const everyone = await deps.invitees.list(appointmentId);
  let targets = guestsRefused ? everyone.filter((i) => i.kind === 'client') : everyone;
  if (options.inviteeId) {
    const one = everyone.find((i) => i.inviteeId === options.inviteeId);
    if (!one) throw notFound('invitee.not_found', 'There is no such invitee.');
    if (one.kind !== 'client' && guestsRefused) throw guestsRefused;
    targets = [one];
  }
  const providerName =
    (await deps.users.get(appointment.providerId))?.displayName ?? 'Your provider';
  const context = {
    appointment,
    settings,
    providerName,
    mode: !options.inviteeId ? 'first' : options.retry ? 'retry' : 'again',
    actor: actor.sub,
  } as const;
  await Promise.all(
    targets.flatMap((invitee) =>
      (Object.keys(invitee.deliveries) as Channel[]).map((channel) =>
        sendOne(invitee, channel, context, deps),
      ),
    ),
  );
}
