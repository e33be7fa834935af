import { logger } from '../platform/logger';
import type { Appointment } from '../scheduling/appointment';
import type { InvitationDeps } from './deps';
import { dialInOf } from './dial-in';
import type { Channel, Invitee } from './invitee';
import { ensureClientInvitee, linkOf, manageLinkOf, messageZone, pinOf } from './invitees';
import type { InvitationFacts } from './messages';
import { reminderEmail, reminderSms } from './reminder-messages';

/**
 * Reminders before every video appointment (booked online or by staff), at the hours before its
 * start the clinic chose (24 and 1 by default): to the client, and to every guest who was sent
 * their invitation, on each channel they have, with their own link (and PIN), nothing about the
 * patient. A sweep runs every minute (in AWS a scheduled rule; on one machine the local gateway,
 * on the movable clock) and sends the reminders due in the last half hour. Each reminder is
 * claimed first (one item per appointment, offset and start time, written only if absent), so
 * two sweeps at once send it once; a moved appointment's old time has another key and its
 * start no longer matches, so only the new time is reminded; a cancelled one is skipped.
 */
export const lookbackMs = 30 * 60_000;

/** Port: the claims that make each reminder go out once. */
export interface ReminderClaims {
  /** Claims the reminder; false when another sweep has it (and did not give up on it). */
  claim(key: ReminderKey, now: string, expiresAt: number): Promise<boolean>;
  /** Marks it sent (or given up, when nothing could be sent: a later sweep may try again). */
  done(key: ReminderKey, outcome: 'sent' | 'failed'): Promise<void>;
}

export interface ReminderKey {
  appointmentId: string;
  hoursBefore: number;
  startsAt: string;
}

export interface ReminderDeps extends InvitationDeps {
  reminderClaims: ReminderClaims;
  /** Video appointments of a provider starting in [fromIso, toIso]. */
  startingBetween(providerId: string, fromIso: string, toIso: string): Promise<Appointment[]>;
}

export interface Due {
  appointment: Appointment;
  hoursBefore: number;
  dueAt: number;
}

/**
 * Which reminders are due at `now`: those whose moment (start minus the offset) fell in the
 * last half hour, of scheduled video appointments that were not made or changed after that
 * moment (a visit booked 50 minutes ahead gets no "in one hour" reminder; its confirmation
 * said it all).
 */
export function dueReminders(
  appointments: readonly Appointment[],
  offsets: readonly number[],
  now: number,
): Due[] {
  return appointments.flatMap((appointment) =>
    offsets.flatMap((hoursBefore) => {
      const dueAt = Date.parse(appointment.startsAt) - hoursBefore * 3_600_000;
      const due =
        appointment.video &&
        appointment.status === 'scheduled' &&
        !appointment.pendingApproval &&
        dueAt <= now &&
        dueAt > now - lookbackMs &&
        Date.parse(appointment.updatedAt) <= dueAt;
      return due ? [{ appointment, hoursBefore, dueAt }] : [];
    }),
  );
}

/** The appointments each offset may be due for: one narrow window per provider and offset. */
async function candidates(offsets: readonly number[], now: number, deps: ReminderDeps) {
  const providers = (await deps.users.list()).filter(
    (u) => u.role === 'provider' && u.status === 'active' && u.teletherapy,
  );
  const found = await Promise.all(
    providers.flatMap((p) =>
      offsets.map((h) =>
        deps.startingBetween(
          p.sub,
          new Date(now + h * 3_600_000 - lookbackMs).toISOString(),
          new Date(now + h * 3_600_000).toISOString(),
        ),
      ),
    ),
  );
  const byId = new Map(found.flat().map((a) => [a.id, a]));
  return [...byId.values()];
}

/** One sweep: every reminder due now, each claimed and sent once. Returns how many went out. */
export async function sendDueReminders(deps: ReminderDeps): Promise<number> {
  const now = deps.now();
  const settings = await deps.settings.get();
  const offsets = settings.reminderHours;
  if (offsets.length === 0) return 0;
  const due = dueReminders(await candidates(offsets, now.getTime(), deps), offsets, now.getTime());
  const sent = await Promise.all(due.map((d) => remindOnce(d, deps, now)));
  return sent.filter(Boolean).length;
}

async function remindOnce(due: Due, deps: ReminderDeps, now: Date): Promise<boolean> {
  const key = {
    appointmentId: due.appointment.id,
    hoursBefore: due.hoursBefore,
    startsAt: due.appointment.startsAt,
  };
  const expiresAt = Math.floor(Date.parse(due.appointment.endsAt) / 1000) + 86_400;
  if (!(await deps.reminderClaims.claim(key, now.toISOString(), expiresAt))) return false;
  try {
    const delivered = await remind(due.appointment, deps, now);
    await deps.reminderClaims.done(key, delivered > 0 ? 'sent' : 'failed');
    return delivered > 0;
  } catch (error) {
    await deps.reminderClaims.done(key, 'failed').catch(() => undefined);
    throw error;
  }
}

/** Who hears: the client (made an invitee if they were never sent anything) and told guests. */
async function remind(appointment: Appointment, deps: ReminderDeps, now: Date): Promise<number> {
  const settings = await deps.settings.get();
  const invitees = await ensureClientInvitee(appointment, settings, deps);
  const told = (i: Invitee) =>
    i.kind === 'client' || Object.values(i.deliveries).some((d) => d.state === 'sent');
  const provider = await deps.names.get(appointment.providerId);
  const targets = invitees
    .filter(told)
    .flatMap((invitee) =>
      (Object.keys(invitee.deliveries) as Channel[]).map((channel) => ({ invitee, channel })),
    );
  const outcomes = await Promise.allSettled(
    targets.map(async ({ invitee, channel }) => {
      const facts: InvitationFacts = {
        providerName: provider?.displayName ?? 'Your provider',
        startsAt: appointment.startsAt,
        endsAt: appointment.endsAt,
        timeZone: messageZone(invitee, appointment, settings.timeZone),
        joinUrl: await linkOf(invitee, appointment, deps),
        ...(await dialInOf(deps.dialInNumber())),
        pin: await pinOf(invitee, deps),
        eventId: appointment.id,
        sequence: appointment.version - 1,
        organizer: { name: settings.name, email: deps.mailFrom() },
        sentAt: now.toISOString(),
        ...(await manageLinkOf(invitee, appointment, deps)),
      };
      if (channel === 'sms' && invitee.phone)
        await deps.sms.send(invitee.phone, reminderSms(facts));
      else if (channel === 'email' && invitee.email)
        await deps.mailer.send({ to: invitee.email, ...reminderEmail(facts) });
    }),
  );
  for (const [i, outcome] of outcomes.entries())
    if (outcome.status === 'rejected')
      logger.warn('reminder not delivered', {
        appointmentId: appointment.id,
        inviteeId: targets[i]?.invitee.inviteeId,
        channel: targets[i]?.channel,
        errorName: outcome.reason instanceof Error ? outcome.reason.name : 'unknown',
      });
  const delivered = outcomes.filter((o) => o.status === 'fulfilled').length;
  await deps.audit.append([
    {
      eventId: `${appointment.id}:reminder:${appointment.startsAt}:${now.toISOString()}`,
      visitId: appointment.id,
      at: now.toISOString(),
      type: 'reminder.sent',
      actor: 'system',
      details: { delivered, failed: outcomes.length - delivered },
    },
  ]);
  return delivered;
}
