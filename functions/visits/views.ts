import * as z from 'zod/mini';
import { participantMessages } from './messages';
import type { Visit } from './visit';
import type { Participant } from './waiting-room';

export const StintSchema = z
  .object({
    knockedAt: z.string(),
    admittedAt: z.optional(z.string()),
    endedAt: z.optional(z.string()),
    state: z.enum(['denied', 'removed', 'left']),
  })
  .register(z.globalRegistry, {
    id: 'Stint',
    description: 'An earlier time the person spent in this visit',
  });

export const ParticipantSchema = z
  .object({
    participantId: z.string(),
    name: z.string(),
    invitedAs: z.optional(z.string()).register(z.globalRegistry, {
      description:
        "Whose invitation they came by: a contact's name, the masked address or number, or the client's link",
    }),
    inviteeId: z
      .optional(z.string())
      .register(z.globalRegistry, { description: 'The invitation whose link they used' }),
    kind: z.enum(['provider', 'client', 'contact', 'guest']),
    via: z.enum(['link', 'portal', 'phone', 'app']),
    state: z.enum(['waiting', 'admitted', 'denied', 'removed', 'left']),
    inCall: z.boolean(),
    dialOut: z
      .optional(
        z.enum(['ringing', 'answered', 'joined', 'no-answer', 'busy', 'declined', 'failed']),
      )
      .register(z.globalRegistry, {
        description: 'Called by the provider (dial-out): how that call went',
      }),
    knockedAt: z.string(),
    admittedAt: z.optional(z.string()),
    endedAt: z.optional(z.string()),
    earlier: z.optional(z.array(StintSchema)).register(z.globalRegistry, {
      description: 'Earlier stints (denied, removed or left, then back), oldest first',
    }),
  })
  .register(z.globalRegistry, { id: 'Participant' });

export const HostVisitSchema = z
  .object({
    visitId: z.string(),
    appointmentId: z.optional(z.string()),
    roomId: z.optional(z.string()),
    status: z.enum(['open', 'ended']),
    startedAt: z.optional(z.string()),
    endedAt: z.optional(z.string()),
    maxExtraAttendees: z.number(),
    participants: z.array(ParticipantSchema),
  })
  .register(z.globalRegistry, {
    id: 'HostVisit',
    description: "The visit as its provider and the clinic's staff see it",
  });

export const ParticipantVisitSchema = z
  .object({
    visitId: z.string(),
    participantId: z.string(),
    state: z.enum(['waiting', 'admitted', 'denied', 'removed', 'left']),
    visitStatus: z.enum(['open', 'ended']),
    started: z.boolean(),
    providerName: z.string(),
    message: z.string(),
    people: z
      .optional(
        z.array(
          z.object({
            participantId: z.string(),
            name: z.string(),
            phone: z.optional(z.boolean()),
          }),
        ),
      )
      .register(z.globalRegistry, {
        description: 'For someone in the call: who else is in it, to label their tiles',
      }),
  })
  .register(z.globalRegistry, {
    id: 'ParticipantVisit',
    description:
      'What a guest, client or contact sees: only their own place, and the provider name',
  });

function presentParticipant(p: Participant): z.infer<typeof ParticipantSchema> {
  return {
    participantId: p.participantId,
    name: p.name,
    ...(p.invitedAs ? { invitedAs: p.invitedAs } : {}),
    ...(p.inviteeId ? { inviteeId: p.inviteeId } : {}),
    kind: p.kind,
    via: p.via,
    state: p.state,
    inCall: p.inCall,
    ...(p.dialOut ? { dialOut: p.dialOut } : {}),
    knockedAt: p.knockedAt,
    ...(p.admittedAt ? { admittedAt: p.admittedAt } : {}),
    ...(p.endedAt ? { endedAt: p.endedAt } : {}),
    ...(p.earlier?.length ? { earlier: p.earlier } : {}),
  };
}

export function hostView(visit: Visit): z.infer<typeof HostVisitSchema> {
  return {
    visitId: visit.visitId,
    ...(visit.appointmentId ? { appointmentId: visit.appointmentId } : {}),
    ...(visit.roomId ? { roomId: visit.roomId } : {}),
    status: visit.status,
    ...(visit.startedAt ? { startedAt: visit.startedAt } : {}),
    ...(visit.endedAt ? { endedAt: visit.endedAt } : {}),
    maxExtraAttendees: visit.maxExtraAttendees,
    participants: Object.values(visit.participants)
      .sort((a, b) => a.knockedAt.localeCompare(b.knockedAt))
      .map(presentParticipant),
  };
}

/** A plain sentence for where the participant is now. */
function messageFor(visit: Visit, p: Participant): string {
  if (visit.status === 'ended') return participantMessages.ended;
  switch (p.state) {
    case 'waiting':
      return visit.startedAt
        ? participantMessages.waitingForAdmission
        : participantMessages.waitingForStart;
    case 'admitted':
      return '';
    case 'denied':
      return participantMessages.denied;
    case 'removed':
      return participantMessages.removed;
    case 'left':
      return participantMessages.left;
  }
}

export function participantView(
  visit: Visit,
  participant: Participant,
  providerName: string,
): z.infer<typeof ParticipantVisitSchema> {
  return {
    visitId: visit.visitId,
    participantId: participant.participantId,
    state: participant.state,
    visitStatus: visit.status,
    started: visit.startedAt !== undefined,
    providerName,
    message: messageFor(visit, participant),
    ...(participant.state === 'admitted' && visit.status === 'open'
      ? { people: peopleInCall(visit, providerName) }
      : {}),
  };
}

/**
 * Tile labels for someone in the call: the provider by display name, everyone else by first
 * name and last initial of the name they joined with (enough to tell people apart). Nothing
 * says who is the patient and who a guest: guests learn nothing of the clinic's records.
 */
export function peopleInCall(visit: Visit, providerName: string) {
  return Object.values(visit.participants)
    .filter((p) => p.state === 'admitted')
    .map((p) => ({
      participantId: p.participantId,
      ...(p.via === 'phone' ? { phone: true } : {}),
      name:
        p.kind === 'provider'
          ? providerName
          : p.via === 'phone'
            ? phoneLabel(p.name)
            : shortName(p.name),
    }));
}

/** A caller's tile: "Phone guest …0143" as it is, a named caller as "Sam R. (phone)". */
function phoneLabel(name: string): string {
  return name.startsWith('Phone guest') ? name : `${shortName(name)} (phone)`;
}

function shortName(name: string): string {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  const last = rest.at(-1);
  return last ? `${first} ${last.charAt(0)}.` : first;
}
