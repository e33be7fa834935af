import type { UserActor } from '../identity/actor';
import { isDependencyFailure } from '../platform/dependency-errors';
import { notFound } from '../platform/errors';
import { logger } from '../platform/logger';
import type { Appointment } from '../scheduling/appointment';
import type { ClinicSettings } from '../scheduling/clinic';
import type { AuditEntry } from '../visits/visit';
import { requireManageable } from './access';
import { accountForFirstInvitation, markPasswordSent } from './contact-accounts';
import type { InvitationDeps } from './deps';
import { dialInOf } from './dial-in';
import type { Channel, Delivery, Invitee } from './invitee';
import {
  ensureClientInvitee,
  linkOf,
  manageLinkOf,
  messageZone,
  pinOf,
  stuckAfterMs,
} from './invitees';
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
  if (isDependencyFailure(error))
    return 'The message service did not answer; try again in a minute.';
  return 'The message could not be sent; try again.';
}

type Mode = 'first' | 'again' | 'retry';

/** Which of an invitee's channels this send covers. */
function channelsToSend(invitee: Invitee, mode: Mode, staleBefore: string): Channel[] {
  return (Object.keys(invitee.deliveries) as Channel[]).filter((channel) => {
    const d = invitee.deliveries[channel];
    const stuck = d?.state === 'queued' && (d.claimedAt ?? '') < staleBefore;
    if (mode === 'first') return d?.state === 'not-sent';
    if (mode === 'retry') return d?.state === 'failed' || stuck;
    return true;
  });
}

interface Context {
  appointment: Appointment;
  settings: ClinicSettings;
  providerName: string;
  attemptId: string;
  actor: string;
  /** When this send began. */
  at: string;
}

/** One channel to one invitee, composed and ready to go. */
interface Prepared {
  send(): Promise<unknown>;
  /** The contact whose temporary password this message carries. */
  passwordFor?: string;
}

/** Composes one channel's message to one invitee (a contact's first email makes their account). */
async function prepare(
  invitee: Invitee,
  channel: Channel,
  context: Context,
  deps: InvitationDeps,
): Promise<Prepared> {
  const facts: InvitationFacts = {
    providerName: context.providerName,
    startsAt: context.appointment.startsAt,
    endsAt: context.appointment.endsAt,
    timeZone: messageZone(invitee, context.appointment, context.settings.timeZone),
    joinUrl: await linkOf(invitee, context.appointment, deps),
    ...(await dialInOf(deps.dialInNumber())),
    pin: await pinOf(invitee, deps),
    eventId: context.appointment.id,
    sequence: context.appointment.version - 1,
    organizer: { name: context.settings.name, email: deps.mailFrom() },
    sentAt: context.at,
    ...(await manageLinkOf(invitee, context.appointment, deps)),
  };
  if (channel === 'sms' && invitee.phone) {
    const phone = invitee.phone;
    const text = invitationSms(facts);
    return { send: () => deps.sms.send(phone, text) };
  }
  if (!invitee.email) throw new Error('No address for this channel');
  const account =
    invitee.kind === 'contact' && invitee.contactId && !invitee.contactAccountReady
      ? await accountForFirstInvitation(invitee.contactId, deps)
      : undefined;
  const signInUrl = `${await deps.appUrl()}/sign-in`;
  const email = await deps.mailer.prepare({
    to: invitee.email,
    ...invitationEmail({ ...facts, ...(account ? { account: { ...account, signInUrl } } : {}) }),
  });
  return {
    send: () => email.send(),
    ...(account && invitee.contactId ? { passwordFor: invitee.contactId } : {}),
  };
}

/** The delivery as one attempt left it; failures keep a reason a person can act on. */
async function attempt(
  invitee: Invitee,
  channel: Channel,
  ready: Promise<Prepared>,
  context: Context,
  deps: InvitationDeps,
): Promise<{ delivery: Delivery; passwordSentTo?: string }> {
  const counted = {
    attempts: (invitee.deliveries[channel]?.attempts ?? 0) + 1,
    attemptId: context.attemptId,
  };
  try {
    const prepared = await ready;
    await prepared.send();
    const { startsAt, endsAt } = context.appointment;
    return {
      delivery: {
        state: 'sent',
        ...counted,
        sentAt: deps.now().toISOString(),
        told: { startsAt, endsAt },
      },
      ...(prepared.passwordFor ? { passwordSentTo: prepared.passwordFor } : {}),
    };
  } catch (error) {
    logger.warn('invitation not delivered', {
      appointmentId: invitee.appointmentId,
      inviteeId: invitee.inviteeId,
      channel,
      errorName: error instanceof Error ? error.name : 'unknown',
    });
    return {
      delivery: {
        state: 'failed',
        ...counted,
        failedAt: deps.now().toISOString(),
        reason: failureReason(channel, error),
      },
    };
  }
}

/** Each attempt's outcome, once, in the audit trail (ids and the channel only). */
const auditOf = (
  invitee: Invitee,
  channel: Channel,
  delivery: Delivery,
  context: Context,
): AuditEntry => {
  const type = delivery.state === 'sent' ? 'invitation.sent' : 'invitation.failed';
  return {
    eventId: `${invitee.appointmentId}:${type}:${context.attemptId}:${invitee.inviteeId}:${channel}`,
    visitId: invitee.appointmentId,
    at: delivery.sentAt ?? delivery.failedAt ?? context.at,
    type,
    actor: context.actor,
    subject: invitee.inviteeId,
    details: { channel },
  };
};

/** Waits (a few seconds at most) for the send under way to finish, then reads the invitees. */
async function afterOtherSend(
  appointmentId: string,
  staleBefore: string,
  deps: InvitationDeps,
): Promise<Invitee[]> {
  for (
    let i = 0;
    i < 30 && (await deps.invitees.sendingUnderWay(appointmentId, staleBefore));
    i += 1
  )
    await new Promise((resolve) => setTimeout(resolve, 150));
  return deps.invitees.list(appointmentId);
}

/**
 * Send Now: notifies everyone invited who has not been notified yet. With `inviteeId`, one
 * person: "Send again" (`retry` unset) deliberately sends every channel again; "Retry" sends only
 * the channels that failed (or were cut off), so a person whose email went out and whose SMS
 * failed gets the SMS, not a second email. With guest invitations off, only the client's own
 * invitation is sent: it is not a guest invitation.
 *
 * Three round trips: the appointment, its invitees and the appointment's send lock at once (a
 * double click finds the lock taken and sends nothing twice); every message at once (SES, SNS);
 * then every outcome, its audit entry and the lock's release in one transaction. A second click
 * meanwhile sends nothing and answers once the first send is recorded. A crash in
 * between leaves the lock, which expires after two minutes: nothing is lost, a send can be made
 * again. Returns the invitees as they are now, so the answer needs no second read.
 */
export async function sendInvitations(
  actor: UserActor,
  appointmentId: string,
  options: { inviteeId?: string; retry?: boolean },
  deps: InvitationDeps,
): Promise<{ appointment: Appointment; invitees: Invitee[] }> {
  const now = deps.now();
  const attemptId = deps.newId();
  const staleBefore = new Date(now.getTime() - stuckAfterMs).toISOString();
  const [managed, listed, locked] = await Promise.all([
    requireManageable(actor, appointmentId, deps),
    deps.invitees.list(appointmentId),
    deps.invitees.claimSending(appointmentId, attemptId, now.toISOString(), staleBefore),
  ]);
  const { appointment, settings, guestsRefused } = managed;
  // Another click is sending right now: nothing is sent twice; answer with how that send went.
  if (!locked)
    return { appointment, invitees: await afterOtherSend(appointmentId, staleBefore, deps) };
  try {
    const everyone = listed.some((i) => i.kind === 'client')
      ? listed
      : await ensureClientInvitee(appointment, settings, deps);
    let targets = guestsRefused ? everyone.filter((i) => i.kind === 'client') : everyone;
    if (options.inviteeId) {
      const one = everyone.find((i) => i.inviteeId === options.inviteeId);
      if (!one) throw notFound('invitee.not_found', 'There is no such invitee.');
      if (one.kind !== 'client' && guestsRefused) throw guestsRefused;
      targets = [one];
    }
    const mode: Mode = !options.inviteeId ? 'first' : options.retry ? 'retry' : 'again';
    const context: Context = {
      appointment,
      settings,
      providerName: (await deps.names.get(appointment.providerId))?.displayName ?? 'Your provider',
      attemptId,
      actor: actor.sub,
      at: now.toISOString(),
    };
    // Every message is composed first, then all go out at once: one round trip for all.
    const planned = targets.flatMap((invitee) =>
      channelsToSend(invitee, mode, staleBefore).map((channel) => ({
        invitee,
        channel,
        ready: prepare(invitee, channel, context, deps),
      })),
    );
    await Promise.allSettled(planned.map((p) => p.ready));
    const results = await Promise.all(
      planned.map(async ({ invitee, channel, ready }) => ({
        invitee,
        channel,
        ...(await attempt(invitee, channel, ready, context, deps)),
      })),
    );
    const byInvitee = new Map<string, Invitee>(everyone.map((i) => [i.inviteeId, i]));
    for (const r of results) {
      const current = byInvitee.get(r.invitee.inviteeId) ?? r.invitee;
      byInvitee.set(current.inviteeId, {
        ...current,
        deliveries: { ...current.deliveries, [r.channel]: r.delivery },
      });
    }
    const changed = [...new Set(results.map((r) => r.invitee.inviteeId))].flatMap((id) => {
      const invitee = byInvitee.get(id);
      return invitee ? [invitee] : [];
    });
    await Promise.all([
      deps.invitees.recordSending(
        appointmentId,
        attemptId,
        changed,
        results.map((r) => auditOf(r.invitee, r.channel, r.delivery, context)),
      ),
      ...[...new Set(results.flatMap((r) => (r.passwordSentTo ? [r.passwordSentTo] : [])))].map(
        (contactId) => markPasswordSent(contactId, deps),
      ),
    ]);
    return { appointment, invitees: [...byInvitee.values()] };
  } catch (error) {
    await deps.invitees.releaseSending(appointmentId, attemptId).catch(() => undefined);
    throw error;
  }
}
