import { manageUrl } from '../booking/manage-link';
import type { UserActor } from '../identity/actor';
import { hashOfLink, makeLink } from '../links/link';
import { joinUrl, linkToken } from '../links/tokens';
import { AppError, conflict, forbidden, invalid, notFound } from '../platform/errors';
import type { Appointment } from '../scheduling/appointment';
import { linkExpiry } from '../scheduling/appointment-access';
import type { ClinicSettings } from '../scheduling/clinic';
import { requireInvitable, requireManageable } from './access';
import type { InvitationDeps } from './deps';
import {
  type Channel,
  type Delivery,
  type Invitee,
  type InviteeInput,
  maxInvitees,
} from './invitee';
import { derivePin, pinHash } from './pins';

/** A delivery stuck in 'queued' this long was cut off mid-send (a crash): shown failed, retryable. */
export const stuckAfterMs = 2 * 60_000;

const fresh: Delivery = { state: 'not-sent', attempts: 0 };

function channelsOf(who: {
  email?: string | undefined;
  phone?: string | undefined;
}): Partial<Record<Channel, Delivery>> {
  return { ...(who.email ? { email: fresh } : {}), ...(who.phone ? { sms: fresh } : {}) };
}

/** The link an invitee's message carries: their own, or, for the client, the appointment's. */
export async function linkOf(
  invitee: Invitee,
  appointment: Appointment,
  deps: InvitationDeps,
): Promise<string> {
  let linkId = invitee.linkId;
  if (invitee.kind === 'client') {
    const option = appointment.videoOption;
    linkId =
      option?.kind === 'room'
        ? (option.linkId ?? (await deps.rooms.get(option.roomId))?.linkId)
        : appointment.linkId;
  }
  if (!linkId) throw new Error('An invitee without a link');
  return joinUrl(await deps.appUrl(), linkToken(await deps.linkSecret(), linkId));
}

/** The manage link a client who booked online gets in every message; nobody else has one. */
export async function manageLinkOf(
  invitee: Pick<Invitee, 'kind'>,
  appointment: Appointment,
  deps: Pick<InvitationDeps, 'appUrl' | 'linkSecret'>,
): Promise<{ manageUrl?: string }> {
  if (invitee.kind !== 'client' || !appointment.bookedOnline) return {};
  return { manageUrl: manageUrl(await deps.appUrl(), await deps.linkSecret(), appointment.id) };
}

/**
 * The zone an invitee's messages say the time in: the one a client who booked online read the
 * free times in, else the clinic's.
 */
export function messageZone(
  invitee: Pick<Invitee, 'kind'>,
  appointment: Pick<Appointment, 'bookerTimeZone'>,
  clinicZone: string,
): string {
  return (invitee.kind === 'client' && appointment.bookerTimeZone) || clinicZone;
}

/** The invitee's PIN, derived again (pins.ts): no table holds the digits. */
export async function pinOf(
  invitee: Pick<Invitee, 'inviteeId' | 'pinDraw'>,
  deps: Pick<InvitationDeps, 'linkSecret'>,
): Promise<string> {
  return derivePin(await deps.linkSecret(), invitee.inviteeId, invitee.pinDraw);
}

/** Stores an invitee, drawing a new PIN in the rare case the first is held by another invitation. */
async function store(
  draft: Omit<Invitee, 'pinDraw' | 'pinHash' | 'linkId'>,
  withLink: boolean,
  deps: InvitationDeps,
): Promise<Invitee> {
  const now = deps.now();
  const link = withLink
    ? makeLink(
        { kind: 'invitee', appointmentId: draft.appointmentId, inviteeId: draft.inviteeId },
        await deps.linkSecret(),
        now.toISOString(),
        draft.expiresAt,
      )
    : undefined;
  const secret = await deps.linkSecret();
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const invitee: Invitee = {
      ...draft,
      pinDraw: attempt,
      pinHash: pinHash(secret, derivePin(secret, draft.inviteeId, attempt)),
      ...(link ? { linkId: link.record.linkId } : {}),
    };
    const outcome = await deps.invitees.add(
      invitee,
      link,
      Math.floor(now.getTime() / 1000),
      maxInvitees,
    );
    if (outcome === 'added') return invitee;
    if (outcome === 'duplicate')
      throw conflict('invitee.exists', 'This person is already invited to this appointment.');
    if (outcome === 'full') throw tooManyInvitees();
    // Invitations added at the same moment meet on the count: wait a little, then again.
    if (outcome === 'busy') await pause(attempt);
  }
  throw conflict('appointment.busy', 'The invitations are changing right now. Please try again.');
}

export const tooManyInvitees = () =>
  conflict(
    'invitations.limit',
    `An appointment can have at most ${maxInvitees} people invited beside the client. Withdraw someone to invite another.`,
  );

/** A short, growing, jittered wait before trying a transaction that met another one again. */
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, (10 + Math.random() * 40) * (attempt + 1)));

/**
 * The client is always an invitee of their own video appointment (their link, their PIN).
 * Returns the appointment's invitees with the client's among them.
 */
export async function ensureClientInvitee(
  appointment: Appointment,
  settings: ClinicSettings,
  deps: InvitationDeps,
): Promise<Invitee[]> {
  const existing = await deps.invitees.list(appointment.id);
  if (existing.some((i) => i.kind === 'client')) return existing;
  const client = await deps.clients.get(appointment.clientId);
  if (!client) return existing;
  try {
    const made = await store(
      {
        inviteeId: deps.newId(),
        appointmentId: appointment.id,
        kind: 'client',
        name: client.displayName,
        ...(client.email ? { email: client.email } : {}),
        ...(client.phone ? { phone: client.phone } : {}),
        deliveries: channelsOf(client),
        addedBy: 'clinic',
        createdAt: deps.now().toISOString(),
        expiresAt: linkExpiry(appointment.endsAt, settings),
        startsAt: appointment.startsAt,
      },
      false,
      deps,
    );
    return [made, ...existing];
  } catch (error) {
    // Two requests ensured it at the same moment: the other one's record stands.
    if (!(error instanceof AppError && error.code === 'invitee.exists')) throw error;
    return deps.invitees.list(appointment.id);
  }
}

/** Adds a contact of the client, or "+ Other guest" by email or phone. */
export async function addInvitee(
  actor: UserActor,
  appointmentId: string,
  input: InviteeInput,
  deps: InvitationDeps,
): Promise<Invitee> {
  const { appointment, settings } = await requireInvitable(actor, appointmentId, deps);
  await ensureClientInvitee(appointment, settings, deps);
  const base = {
    inviteeId: deps.newId(),
    appointmentId,
    addedBy: actor.sub,
    createdAt: deps.now().toISOString(),
    expiresAt: linkExpiry(appointment.endsAt, settings),
    startsAt: appointment.startsAt,
  };
  if (input.contactId !== undefined) {
    if (actor.role === 'client')
      throw forbidden(
        'invitations.forbidden',
        'Clients invite guests by email address or phone number.',
      );
    const contact = await deps.contacts.get(input.contactId);
    if (!contact?.clientIds.includes(appointment.clientId)) {
      throw invalid('contact.not_found', 'That is not a contact of this client.', {
        contactId: 'Not a contact of this client',
      });
    }
    const who = {
      ...(contact.email ? { email: contact.email } : {}),
      ...(contact.phone ? { phone: contact.phone } : {}),
    };
    const invitee = await store(
      {
        ...base,
        kind: 'contact',
        contactId: contact.id,
        name: contact.displayName,
        ...(contact.passwordSent ? { contactAccountReady: true } : {}),
        ...who,
        deliveries: channelsOf(who),
      },
      true,
      deps,
    );
    return recorded(invitee, actor, deps);
  }
  return recorded(
    await store(
      { ...base, kind: 'guest', ...guestAddress(input), deliveries: channelsOf(input) },
      true,
      deps,
    ),
    actor,
    deps,
  );
}

/** Every invitation goes into the audit trail once (ids only: no names, no addresses). */
async function recorded(
  invitee: Invitee,
  actor: UserActor,
  deps: InvitationDeps,
): Promise<Invitee> {
  await deps.audit.append([
    {
      eventId: `${invitee.appointmentId}:invited:${invitee.inviteeId}`,
      visitId: invitee.appointmentId,
      at: invitee.createdAt,
      type: 'invitation.added',
      actor: actor.sub,
      subject: invitee.inviteeId,
      details: { kind: invitee.kind },
    },
  ]);
  return invitee;
}

/** Removes an invitee: their link and PIN stop working at once. */
export async function removeInvitee(
  actor: UserActor,
  appointmentId: string,
  inviteeId: string,
  deps: InvitationDeps,
): Promise<void> {
  // Withdrawing needs no setting: turning invitations off must not keep links alive.
  await requireManageable(actor, appointmentId, deps);
  const invitee = await deps.invitees.get(appointmentId, inviteeId);
  if (!invitee) throw notFound('invitee.not_found', 'There is no such invitee.');
  if (invitee.kind === 'client')
    throw invalid('invitee.is_client', 'The client stays invited to their own appointment.', {
      inviteeId: 'This is the client',
    });
  if (actor.role === 'client' && invitee.addedBy !== actor.sub) {
    throw forbidden('invitations.forbidden', 'You can remove only the guests you invited.');
  }
  const hash = invitee.linkId ? hashOfLink(await deps.linkSecret(), invitee.linkId) : undefined;
  const now = deps.now().toISOString();
  for (let attempt = 0; ; attempt += 1) {
    const outcome = await deps.invitees.remove(invitee, hash, now);
    if (outcome === 'removed') break;
    if (outcome === 'gone') throw notFound('invitee.not_found', 'There is no such invitee.');
    if (attempt === 7)
      throw conflict(
        'appointment.busy',
        'The invitations are changing right now. Please try again.',
      );
    await pause(attempt);
  }
  await deps.audit.append([
    {
      eventId: `${appointmentId}:withdrawn:${inviteeId}`,
      visitId: appointmentId,
      at: now,
      type: 'invitation.withdrawn',
      actor: actor.sub,
      subject: inviteeId,
    },
  ]);
}

/** A guest's one address, without the absent ones (stored items carry no undefined fields). */
function guestAddress(input: InviteeInput): { email: string } | { phone: string } {
  if (input.email !== undefined) return { email: input.email };
  if (input.phone !== undefined) return { phone: input.phone };
  throw invalid('validation.failed', 'Give an email address or a phone number.', {
    email: 'Give an email address or a phone number',
  });
}
