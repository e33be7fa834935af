import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { UserActor } from '../identity/actor';
import { linkStatus } from '../links/link';
import { looksLikeToken, tokenHash } from '../links/tokens';
import { AppError, forbidden, gone, notFound, unauthenticated } from '../platform/errors';
import { joinState } from '../scheduling/join-window';
import { personName } from '../shared/fields';
import { applyCommand } from './apply';
import type { VisitDeps } from './deps';
import { requireJoinWindow, visitForAppointment } from './host-actions';
import { react } from './reactions';
import { dropAttendee, joinInfoFor } from './session';
import { participantView } from './views';
import type { Visit } from './visit';
import type { Command, Participant } from './waiting-room';

export const KnockInput = z
  .object({
    firstName: personName('First name').max(50, 'At most 50 characters'),
    lastName: personName('Last name').max(50, 'At most 50 characters'),
  })
  .strict()
  .meta({ id: 'KnockInput' });

/** How long a participant's credential outlives the end of the visit's window. */
const tokenHoursAfterClose = 12;

type Knock = Omit<Extract<Command, { type: 'knock' }>, 'type' | 'participantId' | 'name'>;

async function providerName(visit: Visit, deps: VisitDeps): Promise<string> {
  return (await deps.users.get(visit.providerId))?.displayName ?? 'Your provider';
}

/** Knocks, then hands the knocker their credential: a random token, stored only as its hash. */
async function knockInto(
  visitId: string,
  knock: Knock,
  name: string,
  deps: VisitDeps,
  create: () => Promise<Visit>,
  closesAt: string,
) {
  const { visit, events } = await applyCommand(
    visitId,
    () => ({ type: 'knock', participantId: deps.newId(), name, ...knock }) satisfies Command,
    knock.sub ?? knock.identity,
    deps,
    create,
  );
  const participant = Object.values(visit.participants).find((p) => p.identity === knock.identity);
  if (!participant) throw new Error('The knock left no participant');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = Math.floor(Date.parse(closesAt) / 1000) + tokenHoursAfterClose * 3600;
  await deps.tokens.put(tokenHash(token), visit.visitId, participant.participantId, expiresAt);
  await react(visit, events, deps);
  return {
    participantToken: token,
    ...participantView(visit, participant, await providerName(visit, deps)),
  };
}

async function appointmentKnock(
  appointmentId: string,
  knock: Knock,
  name: string,
  deps: VisitDeps,
) {
  const appointment = await requireJoinWindow(appointmentId, deps);
  const window = joinState(appointment, await deps.settings.get(), deps.now());
  return knockInto(
    appointmentId,
    knock,
    name,
    deps,
    () => visitForAppointment(appointmentId, appointment.providerId, deps),
    window.closesAt,
  );
}

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
        current.id,
        { identity: 'client', kind: 'client', via: 'link' },
        name,
        deps,
      );
  }
  // An ad-hoc room (or a personal one between appointments): its own visit, until it ends.
  const visitId = room.activeVisitId ?? deps.newId();
  const create = async (): Promise<Visit> => {
    const settings = await deps.settings.get();
    if (!room.activeVisitId && !(await deps.rooms.setActiveVisit(room.id, visitId, undefined))) {
      throw new AppError('visit.busy', 'The room is opening; try again.', 'conflict');
    }
    return {
      visitId,
      providerId: room.createdBy,
      status: 'open',
      maxExtraAttendees: settings.maxExtraAttendees,
      participants: {},
      roomId: room.id,
      version: 0,
      createdAt: now.toISOString(),
    };
  };
  const closesAt = new Date(now.getTime() + 24 * 3600_000).toISOString();
  return knockInto(
    visitId,
    { identity: `guest:${deps.newId()}`, kind: 'guest', via: 'link' },
    name,
    deps,
    create,
    closesAt,
  );
}

/** Join Knock from a link: a guest, a contact, or the client, by what the link was made for. */
export async function knockByLink(
  token: string,
  input: z.infer<typeof KnockInput>,
  deps: VisitDeps,
) {
  const name = `${input.firstName} ${input.lastName}`;
  const status = looksLikeToken(token)
    ? linkStatus(await deps.links.get(tokenHash(token)), Math.floor(deps.now().getTime() / 1000))
    : ({ state: 'unknown' } as const);
  if (status.state === 'unknown')
    throw notFound(
      'link.unknown',
      'This link is not valid. Ask the person who invited you for a new one.',
    );
  if (status.state !== 'active')
    throw gone(
      'link.expired',
      'This link has expired. If you still need to join, contact the person who invited you.',
    );
  const target = status.link.target;
  if (target.kind === 'room') return roomKnock(target.roomId, name, deps);
  if (target.kind === 'appointment')
    return appointmentKnock(
      target.appointmentId,
      { identity: 'client', kind: 'client', via: 'link' },
      name,
      deps,
    );
  const invitee = await deps.invitees.get(target.appointmentId, target.inviteeId);
  if (!invitee || invitee.revokedAt)
    throw gone(
      'link.expired',
      'This invitation was withdrawn. Contact the person who invited you.',
    );
  const knock: Knock = invitee.contactId
    ? { identity: `contact:${invitee.contactId}`, kind: 'contact', via: 'link' }
    : { identity: `invitee:${invitee.inviteeId}`, kind: 'guest', via: 'link' };
  return appointmentKnock(target.appointmentId, knock, name, deps);
}

/** The portal's Join: the client for their appointment, a contact for one they are invited to. */
export async function knockByPortal(actor: UserActor, appointmentId: string, deps: VisitDeps) {
  const appointment = await deps.appointments.get(appointmentId);
  let knock: Knock | undefined;
  if (actor.role === 'client' && appointment?.clientId === actor.clientId)
    knock = { identity: 'client', kind: 'client', via: 'portal', sub: actor.sub };
  if (actor.role === 'contact' && actor.contactId && appointment) {
    const invited = (await deps.invitees.forContact(actor.contactId)).some(
      (i) => i.appointmentId === appointmentId && !i.revokedAt,
    );
    if (invited)
      knock = {
        identity: `contact:${actor.contactId}`,
        kind: 'contact',
        via: 'portal',
        sub: actor.sub,
      };
  }
  if (!knock) throw notFound('visit.not_found', 'There is no visit of yours for this appointment.');
  return appointmentKnock(appointmentId, knock, actor.displayName, deps);
}

/** The participant a credential stands for (header `x-participant-token`). */
export async function participantFor(
  token: string | undefined,
  visitId: string,
  deps: VisitDeps,
): Promise<{ visit: Visit; participant: Participant }> {
  if (!token)
    throw new AppError(
      'participant.token_required',
      'Open your invitation link again to continue.',
      'unauthenticated',
    );
  const found = await deps.tokens.get(tokenHash(token));
  if (
    !found ||
    found.visitId !== visitId ||
    found.expiresAt <= Math.floor(deps.now().getTime() / 1000)
  )
    throw unauthenticated('Open your invitation link again to continue.');
  const visit = await deps.visits.get(visitId);
  const participant = visit?.participants[found.participantId];
  if (!visit || !participant) throw unauthenticated('Open your invitation link again to continue.');
  return { visit, participant };
}

export async function myPlace(token: string | undefined, visitId: string, deps: VisitDeps) {
  const { visit, participant } = await participantFor(token, visitId, deps);
  return participantView(visit, participant, await providerName(visit, deps));
}

/** Join information, for the admitted only: a guest gets media credentials after admission. */
export async function participantSession(
  token: string | undefined,
  visitId: string,
  deps: VisitDeps,
) {
  const { visit, participant } = await participantFor(token, visitId, deps);
  if (visit.status === 'ended') throw gone('visit.ended', 'This visit has ended.');
  if (participant.state !== 'admitted')
    throw forbidden('participant.not_admitted', 'You are not in the visit yet: wait to be let in.');
  return joinInfoFor(visit, participant.participantId, deps);
}

export async function leaveVisit(token: string | undefined, visitId: string, deps: VisitDeps) {
  const { participant } = await participantFor(token, visitId, deps);
  const { visit, events } = await applyCommand(
    visitId,
    { type: 'leave', participantId: participant.participantId },
    participant.participantId,
    deps,
  );
  await dropAttendee(visit, participant.participantId, deps);
  await react(visit, events, deps);
  return participantView(
    visit,
    visit.participants[participant.participantId] ?? participant,
    await providerName(visit, deps),
  );
}
