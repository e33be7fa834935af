import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import type { UserActor } from '../identity/actor';
import { linkStatus } from '../links/link';
import { looksLikeToken, tokenHash } from '../links/tokens';
import { AppError, gone, notFound } from '../platform/errors';
import type { Appointment } from '../scheduling/appointment';
import { joinState } from '../scheduling/join-window';
import type { Room } from '../scheduling/rooms';
import { personName } from '../shared/fields';
import { inviteeLabel } from '../shared/masked';
import { applyCommand } from './apply';
import type { VisitDeps } from './deps';
import { participantIdFor } from './participant-ids';
import { participantView } from './views';
import type { Visit } from './visit';
import {
  newAppointmentVisit,
  providerNameOf,
  requireJoinWindow,
  requireVideoAppointment,
} from './visit-lookup';
import type { Command, ParticipantKind, Via } from './waiting-room';

/**
 * Knocking: a guest from their link, or a client or contact from the portal, enters the waiting
 * room and gets a participant credential. The whole knock is three round trips: what the link
 * is, then the appointment, the visit and the invitation together, then one transaction with the
 * new state, its audit entry and the credential. The provider hears of it from the news stream.
 */

export const KnockInput = z
  .strictObject({
    firstName: personName('First name').check(z.maxLength(50, 'At most 50 characters')),
    lastName: personName('Last name').check(z.maxLength(50, 'At most 50 characters')),
  })
  .register(z.globalRegistry, { id: 'KnockInput' });

/** How long a participant's credential outlives the end of the visit's window. */
const tokenHoursAfterClose = 12;

interface Knocker {
  identity: string;
  kind: Exclude<ParticipantKind, 'provider'>;
  via: Via;
  invitedAs?: string;
  inviteeId?: string;
  sub?: string;
  phoneCall?: string;
}

/** The client's own link (the appointment's): how staff see who it was for. */
const clientsLink = "client's own link";

/** Knocks on a visit (made here if it is the first knock) and hands out the credential. */
async function knockInto(
  visitId: string,
  knocker: Knocker,
  name: string,
  closesAt: string,
  deps: VisitDeps,
  start: {
    create: () => Visit;
    /** The visit as read with the appointment (undefined: not opened yet); else read here. */
    read?: { visit: Visit | undefined };
    /** The provider's display name, fetched in parallel with the knock's own writes. */
    providerName: Promise<string>;
  },
) {
  const token = randomBytes(32).toString('base64url');
  const participantId = knocker.identity.startsWith('guest:')
    ? deps.newId()
    : participantIdFor(visitId, knocker.identity);
  const command: Command = { type: 'knock', participantId, name, ...knocker };
  const expiresAt = Math.floor(Date.parse(closesAt) / 1000) + tokenHoursAfterClose * 3600;
  const { visit } = await applyCommand(visitId, command, knocker.sub ?? knocker.identity, deps, {
    create: start.create,
    ...(start.read ? { first: { visit: start.read.visit, attendees: new Map() } } : {}),
    // Knocking again (a reload) keeps the participant: the credential is theirs, whoever they are.
    extras: async ({ next }) => {
      const participant = Object.values(next.participants).find(
        (p) => p.identity === knocker.identity,
      );
      if (!participant) throw new Error('The knock left no participant');
      return {
        token: { hash: tokenHash(token), participantId: participant.participantId, expiresAt },
      };
    },
  });
  const participant = Object.values(visit.participants).find(
    (p) => p.identity === knocker.identity,
  );
  if (!participant) throw new Error('The knock left no participant');
  return {
    participantToken: token,
    ...participantView(visit, participant, await start.providerName),
  };
}

const displayName = (sub: string, deps: VisitDeps) =>
  providerNameOf({ providerId: sub }, deps).catch(() => 'Your provider');

/** Knocks on an appointment's visit, its appointment and visit read already (in parallel). */
async function appointmentKnock(
  found: { appointment: Appointment | undefined; visit: Visit | undefined },
  knocker: Knocker,
  name: string,
  deps: VisitDeps,
) {
  const appointment = requireVideoAppointment(found.appointment);
  const settings = await deps.settings.get();
  const now = deps.now();
  const { closesAt } = requireJoinWindow(appointment, settings, now);
  return knockInto(appointment.id, knocker, name, closesAt, deps, {
    create: () => newAppointmentVisit(appointment, settings, now),
    read: { visit: found.visit },
    providerName: displayName(found.visit?.providerId ?? appointment.providerId, deps),
  });
}

const readAppointmentVisit = async (appointmentId: string, deps: VisitDeps) => {
  const [appointment, visit] = await Promise.all([
    deps.appointments.get(appointmentId),
    deps.visits.get(appointmentId),
  ]);
  return { appointment, visit };
};

/** A personal room opens the visit of its client's appointment whose window is open now. */
async function roomKnock(roomId: string, name: string, deps: VisitDeps) {
  const room = await deps.rooms.get(roomId);
  if (!room)
    throw gone('link.expired', 'This room no longer exists. Contact the person who invited you.');
  const now = deps.now();
  if (room.clientId) {
    const settings = await deps.settings.get();
    const around = (hours: number) => new Date(now.getTime() + hours * 3600_000).toISOString();
    const candidates = await deps.appointments.listForClient(
      room.clientId,
      around(-12),
      around(12),
    );
    const current = candidates.find(
      (a) =>
        a.videoOption?.kind === 'room' &&
        a.videoOption.roomId === room.id &&
        joinState(a, settings, now).enabled,
    );
    if (current)
      return appointmentKnock(
        { appointment: current, visit: await deps.visits.get(current.id) },
        { identity: 'client', kind: 'client', via: 'link', invitedAs: clientsLink },
        name,
        deps,
      );
  }
  return adHocRoomKnock(room, name, deps);
}

/** An ad-hoc room (or a personal one between appointments): its own visit, until it ends. */
async function adHocRoomKnock(room: Room, name: string, deps: VisitDeps) {
  const now = deps.now();
  const settings = await deps.settings.get();
  const visitId = room.activeVisitId ?? deps.newId();
  if (!room.activeVisitId && !(await deps.rooms.setActiveVisit(room.id, visitId, undefined)))
    throw new AppError('visit.busy', 'The room is opening; try again.', 'conflict');
  const visit = room.activeVisitId ? await deps.visits.get(visitId) : undefined;
  const create = (): Visit => ({
    visitId,
    providerId: room.createdBy,
    status: 'open',
    maxExtraAttendees: settings.maxExtraAttendees,
    participants: {},
    roomId: room.id,
    version: 0,
    createdAt: now.toISOString(),
  });
  const closesAt = new Date(now.getTime() + 24 * 3600_000).toISOString();
  return knockInto(
    visitId,
    { identity: `guest:${deps.newId()}`, kind: 'guest', via: 'link' },
    name,
    closesAt,
    deps,
    {
      create,
      read: { visit },
      providerName: displayName(visit?.providerId ?? room.createdBy, deps),
    },
  );
}

const unknownLink = () =>
  notFound('link.unknown', 'This link is not valid. Ask the person who invited you for a new one.');

/**
 * Join Knock from a link: a guest, a contact, or the client, by what the link was made for.
 * `allowed` settles when the caller's per-client limit has been checked (it is checked while
 * the link is read); nothing is written before it has.
 */
export async function knockByLink(
  token: string,
  input: z.infer<typeof KnockInput>,
  deps: VisitDeps,
  allowed: Promise<void> = Promise.resolve(),
) {
  const name = `${input.firstName} ${input.lastName}`;
  if (!looksLikeToken(token)) throw unknownLink();
  const status = linkStatus(
    await deps.links.get(tokenHash(token)),
    Math.floor(deps.now().getTime() / 1000),
  );
  if (status.state === 'unknown') throw unknownLink();
  if (status.state !== 'active')
    throw gone(
      'link.expired',
      'This link has expired. If you still need to join, contact the person who invited you for a new one.',
    );
  const target = status.link.target;
  await allowed;
  if (target.kind === 'room') return roomKnock(target.roomId, name, deps);
  if (target.kind === 'appointment')
    return appointmentKnock(
      await readAppointmentVisit(target.appointmentId, deps),
      { identity: 'client', kind: 'client', via: 'link', invitedAs: clientsLink },
      name,
      deps,
    );
  const [invitee, found] = await Promise.all([
    deps.invitees.get(target.appointmentId, target.inviteeId),
    readAppointmentVisit(target.appointmentId, deps),
  ]);
  if (!invitee || invitee.revokedAt)
    throw gone(
      'link.expired',
      'This invitation was withdrawn. Contact the person who invited you.',
    );
  const knocker: Knocker = invitee.contactId
    ? {
        identity: `contact:${invitee.contactId}`,
        kind: 'contact',
        via: 'link',
        invitedAs: inviteeLabel(invitee),
        inviteeId: invitee.inviteeId,
      }
    : {
        identity: `invitee:${invitee.inviteeId}`,
        kind: 'guest',
        via: 'link',
        invitedAs: inviteeLabel(invitee),
        inviteeId: invitee.inviteeId,
      };
  return appointmentKnock(found, knocker, name, deps);
}

/** The portal's Join: the client for their appointment, a contact for one they are invited to. */
export async function knockByPortal(actor: UserActor, appointmentId: string, deps: VisitDeps) {
  const [found, invitations] = await Promise.all([
    readAppointmentVisit(appointmentId, deps),
    actor.role === 'contact' && actor.contactId
      ? deps.invitees.forContact(actor.contactId)
      : Promise.resolve([]),
  ]);
  const { appointment } = found;
  let knocker: Knocker | undefined;
  if (actor.role === 'client' && appointment?.clientId === actor.clientId)
    knocker = { identity: 'client', kind: 'client', via: 'portal', sub: actor.sub };
  if (actor.role === 'contact' && actor.contactId && appointment) {
    const invited = invitations.find((i) => i.appointmentId === appointmentId && !i.revokedAt);
    if (invited)
      knocker = {
        identity: `contact:${actor.contactId}`,
        kind: 'contact',
        via: 'portal',
        inviteeId: invited.inviteeId,
        sub: actor.sub,
      };
  }
  if (!knocker)
    throw notFound('visit.not_found', 'There is no visit of yours for this appointment.');
  return appointmentKnock(found, knocker, actor.displayName, deps);
}

/** Where a PIN's caller stands: knocked (and waiting, or let in already), early, or too late. */
export type PhoneKnock =
  | { result: 'knocked'; visitId: string; participantId: string; providerName: string }
  | { result: 'early'; opensAt: string }
  | { result: 'over' };

/**
 * A caller whose PIN matched an invitation knocks as that invitation's link would, as a
 * participant of their own (`phone:` identity: the same person may be in by video and by
 * phone at once), named as the invitation names them and by the last digits of the number
 * they call from, never the whole number.
 */
export async function knockByPhone(
  invitation: { appointmentId: string; inviteeId: string },
  call: { transactionId: string; lastDigits: string },
  deps: VisitDeps,
): Promise<PhoneKnock | undefined> {
  const [invitee, found] = await Promise.all([
    deps.invitees.get(invitation.appointmentId, invitation.inviteeId),
    readAppointmentVisit(invitation.appointmentId, deps),
  ]);
  const appointment = found.appointment;
  if (!invitee || invitee.revokedAt || !appointment?.video) return undefined;
  const settings = await deps.settings.get();
  const now = deps.now();
  const window = joinState(appointment, settings, now);
  if (!window.enabled)
    return window.reason === 'too-early'
      ? { result: 'early', opensAt: window.opensAt }
      : { result: 'over' };
  if (found.visit?.status === 'ended') return { result: 'over' };
  const knocker: Knocker = {
    identity: `phone:${invitee.inviteeId}`,
    kind: invitee.kind === 'client' ? 'client' : invitee.contactId ? 'contact' : 'guest',
    via: 'phone',
    invitedAs: inviteeLabel(invitee),
    inviteeId: invitee.inviteeId,
    phoneCall: call.transactionId,
  };
  const name = invitee.name ?? `Phone guest …${call.lastDigits}`;
  const knocked = await appointmentKnock(found, knocker, name, deps);
  return {
    result: 'knocked',
    visitId: knocked.visitId,
    participantId: knocked.participantId,
    providerName: knocked.providerName,
  };
}
