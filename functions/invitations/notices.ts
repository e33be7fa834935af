import { logger } from '../platform/logger';
import type { Appointment } from '../scheduling/appointment';
import type { AuditEntry } from '../visits/visit';
import type { InvitationDeps } from './deps';
import { dialInOf } from './dial-in';
import type { Channel, Delivery, Invitee } from './invitee';
import { linkOf, manageLinkOf, messageZone, pinOf, stuckAfterMs } from './invitees';
import type { InvitationFacts } from './messages';
import { type Change, noticeEmail, noticeSms } from './notice-messages';

/** Who sends notices: nobody pressed a button, the change of the appointment did. */
const system = 'system';

type Told = NonNullable<Delivery['told']>;

/** Whether a channel that told `told` must be told of the appointment as it is now. */
function outdated(told: Told | undefined, appointment: Appointment): boolean {
  // A channel never sent, or sent before this was recorded, has nothing to correct.
  if (!told || appointment.status === 'completed') return false;
  if (appointment.status === 'cancelled') return !told.cancelled;
  return (
    !told.cancelled &&
    (told.startsAt !== appointment.startsAt || told.endsAt !== appointment.endsAt)
  );
}

/**
 * After an appointment changed: everyone who was told its time and is now wrong hears of it,
 * on each channel that told them (email with the updated calendar event, SMS), once. A new
 * time goes out with the same link and PIN; a cancellation says so and takes the event off
 * their calendar. Run by the appointments table's stream for every change of an appointment
 * (functions/handlers/appointment-notices.ts); what each channel was told is recorded with
 * the outcome, so a change seen twice (a retried batch) is sent once, and notes or other
 * edits send nothing. Uses Send Now's lock: a Send Now under way finishes first (the stream
 * offers the change again), so nobody gets the old time after the new one.
 */
export async function sendNotices(appointmentId: string, deps: InvitationDeps): Promise<number> {
  const now = deps.now();
  const attemptId = deps.newId();
  const staleBefore = new Date(now.getTime() - stuckAfterMs).toISOString();
  const [appointment, invitees] = await Promise.all([
    deps.appointments.get(appointmentId),
    deps.invitees.list(appointmentId),
  ]);
  if (!appointment) return 0;
  const targets = invitees.flatMap((invitee) =>
    (Object.entries(invitee.deliveries) as [Channel, Delivery][])
      .filter(([, d]) => d.state === 'sent' && outdated(d.told, appointment))
      .map(([channel]) => ({ invitee, channel })),
  );
  if (targets.length === 0) return 0;
  if (!(await deps.invitees.claimSending(appointmentId, attemptId, now.toISOString(), staleBefore)))
    throw new Error('A send is under way for this appointment; the change is offered again');
  try {
    const change: Change = appointment.status === 'cancelled' ? 'cancelled' : 'moved';
    const [settings, provider] = await Promise.all([
      deps.settings.get(),
      deps.names.get(appointment.providerId),
    ]);
    const base = {
      providerName: provider?.displayName ?? 'Your provider',
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      timeZone: settings.timeZone,
      ...(await dialInOf(deps.dialInNumber())),
      eventId: appointment.id,
      sequence: appointment.version - 1,
      organizer: { name: settings.name, email: deps.mailFrom() },
      sentAt: now.toISOString(),
    };
    const outcomes = await Promise.all(
      targets.map(async ({ invitee, channel }) => {
        const facts: InvitationFacts = {
          ...base,
          timeZone: messageZone(invitee, appointment, settings.timeZone),
          pin: await pinOf(invitee, deps),
          // A cancellation carries no link: it no longer opens anything.
          joinUrl: change === 'moved' ? await linkOf(invitee, appointment, deps) : '',
          ...(change === 'moved' ? await manageLinkOf(invitee, appointment, deps) : {}),
        };
        return { invitee, channel, delivery: await deliver(invitee, channel, facts, change, deps) };
      }),
    );
    const changed = new Map<string, Invitee>();
    for (const { invitee, channel, delivery } of outcomes) {
      const current = changed.get(invitee.inviteeId) ?? invitee;
      changed.set(invitee.inviteeId, {
        ...current,
        deliveries: { ...current.deliveries, [channel]: delivery },
      });
    }
    await deps.invitees.recordSending(
      appointmentId,
      attemptId,
      [...changed.values()],
      outcomes.map(({ invitee, channel, delivery }) =>
        auditOf(invitee, channel, delivery, change, attemptId, now.toISOString()),
      ),
    );
    return outcomes.length;
  } catch (error) {
    await deps.invitees.releaseSending(appointmentId, attemptId).catch(() => undefined);
    throw error;
  }
}

/** One channel's notice: sent (and what it told recorded), or kept with the reason it failed. */
async function deliver(
  invitee: Invitee,
  channel: Channel,
  facts: InvitationFacts,
  change: Change,
  deps: InvitationDeps,
): Promise<Delivery> {
  const before = invitee.deliveries[channel] as Delivery;
  try {
    if (channel === 'sms' && invitee.phone)
      await deps.sms.send(invitee.phone, noticeSms(facts, change));
    else if (channel === 'email' && invitee.email)
      await (
        await deps.mailer.prepare({ to: invitee.email, ...noticeEmail(facts, change) })
      ).send();
    else throw new Error('No address for this channel');
    return {
      ...before,
      state: 'sent',
      attempts: before.attempts + 1,
      sentAt: deps.now().toISOString(),
      told: {
        startsAt: facts.startsAt,
        endsAt: facts.endsAt,
        ...(change === 'cancelled' ? { cancelled: true } : {}),
      },
    };
  } catch (error) {
    logger.warn('notice not delivered', {
      appointmentId: invitee.appointmentId,
      inviteeId: invitee.inviteeId,
      channel,
      errorName: error instanceof Error ? error.name : 'unknown',
    });
    // Failed: the invitation list offers Retry, which sends the invitation as it is now.
    return {
      ...before,
      state: 'failed',
      attempts: before.attempts + 1,
      failedAt: deps.now().toISOString(),
      reason:
        change === 'moved'
          ? 'The new time could not be sent; retry to send the invitation again.'
          : 'The cancellation could not be sent.',
    };
  }
}

function auditOf(
  invitee: Invitee,
  channel: Channel,
  delivery: Delivery,
  change: Change,
  attemptId: string,
  at: string,
): AuditEntry {
  const type =
    delivery.state !== 'sent'
      ? 'invitation.failed'
      : change === 'moved'
        ? 'invitation.updated'
        : 'invitation.cancelled';
  return {
    eventId: `${invitee.appointmentId}:${type}:${attemptId}:${invitee.inviteeId}:${channel}`,
    visitId: invitee.appointmentId,
    at: delivery.sentAt ?? delivery.failedAt ?? at,
    type,
    actor: system,
    subject: invitee.inviteeId,
    details: { channel },
  };
}
