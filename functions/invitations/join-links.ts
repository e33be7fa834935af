import * as z from 'zod/mini';
import type { UserDirectory } from '../identity/actor';
import { type LinkRecord, linkStatus } from '../links/link';
import { looksLikeToken, tokenHash } from '../links/tokens';
import { gone, notFound } from '../platform/errors';
import type { Appointment, AppointmentStore } from '../scheduling/appointment';
import type { SettingsStore } from '../scheduling/clinic';
import { JoinStateSchema } from '../scheduling/join-state-schema';
import { joinState } from '../scheduling/join-window';
import type { RoomStore } from '../scheduling/rooms';
import { dialInOf } from './dial-in';
import type { Invitee } from './invitee';
import { derivePin, formatPin } from './pins';

export interface JoinLinkDeps {
  links: { get(hash: string): Promise<LinkRecord | undefined> };
  appointments: AppointmentStore;
  invitees: { get(appointmentId: string, inviteeId: string): Promise<Invitee | undefined> };
  clients: { get(id: string): Promise<{ firstName: string; lastName: string } | undefined> };
  contacts: { get(id: string): Promise<{ firstName: string; lastName: string } | undefined> };
  rooms: RoomStore;
  names: Pick<UserDirectory, 'get'>;
  settings: SettingsStore;
  /** The clinic's dial-in number, and the key its PINs are derived with. */
  dialInNumber: () => string | undefined;
  linkSecret: () => Promise<string>;
  now: () => Date;
}

/** What a join link shows before anyone knocks: only the provider's name and the time. */
export const JoinLinkSchema = z
  .object({
    kind: z.enum(['appointment', 'room', 'invitee']),
    providerName: z.optional(z.string()),
    startsAt: z.optional(z.string()),
    endsAt: z.optional(z.string()),
    join: z.optional(JoinStateSchema),
    knownName: z
      .optional(z.object({ firstName: z.string(), lastName: z.string() }))
      .register(z.globalRegistry, {
        description:
          "The link holder's name when the clinic knows it (the client's own link, a contact's invitation): the page fills it in",
      }),
    phone: z
      .optional(z.object({ number: z.string(), pin: z.string() }))
      .register(z.globalRegistry, {
        description:
          "The clinic's dial-in number and this invitation's own PIN, as the invitation shows them: the call page offers them to join by phone instead",
      }),
  })
  .register(z.globalRegistry, { id: 'JoinLink' });

const unknownLink = () =>
  notFound(
    'link.unknown',
    'This link is not valid. Check that you opened the whole link from your invitation, or ask the person who invited you for a new one.',
  );

function ended(appointment: Appointment | undefined, providerName: string | undefined) {
  const whom = providerName ? `${providerName}'s office` : 'the person who invited you';
  if (appointment?.status === 'cancelled')
    return gone(
      'link.expired',
      `This visit was cancelled. If you still need to meet, contact ${whom}.`,
    );
  if (appointment?.status === 'completed')
    return gone(
      'link.expired',
      `This visit has ended. If you still need to meet, contact ${whom}.`,
    );
  return gone(
    'link.expired',
    `This link has expired. If you still need to join, contact ${whom} for a new one.`,
  );
}

/**
 * Resolves a join link for the guest page: 404 `link.unknown` for a token that opens nothing,
 * 410 `link.expired` for one that did (expired, revoked, cancelled, completed), with whom to
 * contact. Reads treat `expiresAt <= now` as gone before DynamoDB's TTL deletes the item.
 */
export async function resolveJoinLink(
  token: string,
  deps: JoinLinkDeps,
): Promise<z.infer<typeof JoinLinkSchema>> {
  if (!looksLikeToken(token)) throw unknownLink();
  const now = deps.now();
  const status = linkStatus(
    await deps.links.get(tokenHash(token)),
    Math.floor(now.getTime() / 1000),
  );
  if (status.state === 'unknown') throw unknownLink();
  const target = status.link.target;
  if (target.kind === 'room') {
    const room = await deps.rooms.get(target.roomId);
    if (!room || status.state !== 'active') throw ended(undefined, undefined);
    // A room's title is for staff (it may name the client): guests see none of it.
    return { kind: 'room' };
  }
  const [appointment, invitee] = await Promise.all([
    deps.appointments.get(target.appointmentId),
    target.kind === 'invitee'
      ? deps.invitees.get(target.appointmentId, target.inviteeId)
      : undefined,
  ]);
  const [provider, knownName, settings] = await Promise.all([
    appointment ? deps.names.get(appointment.providerId) : undefined,
    appointment ? knownNameOf(appointment, invitee, deps) : undefined,
    deps.settings.get(),
  ]);
  const providerName = provider?.displayName;
  if (!appointment || status.state !== 'active' || appointment.status !== 'scheduled')
    throw ended(appointment, providerName);
  return {
    kind: target.kind,
    ...(providerName ? { providerName } : {}),
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    join: joinState(appointment, settings, now),
    ...(knownName ? { knownName } : {}),
    ...(await phoneOf(invitee, deps)),
  };
}

/**
 * The dial-in number and the holder's PIN, as their invitation shows them (the link holder has
 * both in the same message already): to switch to the phone from the call.
 */
async function phoneOf(invitee: Invitee | undefined, deps: JoinLinkDeps) {
  const number = deps.dialInNumber();
  if (!number || !invitee || invitee.pinDraw === undefined) return {};
  const pin = derivePin(await deps.linkSecret(), invitee.inviteeId, invitee.pinDraw);
  const { dialIn } = await dialInOf(number);
  return dialIn ? { phone: { number: dialIn.shown, pin: formatPin(pin) } } : {};
}

/**
 * The name of whoever holds the link, when the clinic knows it: the client on the appointment's
 * own link, a contact on their invitation. A guest known only by an address types their name.
 * Only the holder sees it: the link is personal, and says so in every invitation.
 */
async function knownNameOf(
  appointment: Appointment,
  invitee: Invitee | undefined,
  deps: JoinLinkDeps,
): Promise<{ firstName: string; lastName: string } | undefined> {
  const person = invitee
    ? invitee.kind === 'contact' && invitee.contactId
      ? await deps.contacts.get(invitee.contactId)
      : invitee.kind === 'client'
        ? await deps.clients.get(appointment.clientId)
        : undefined
    : await deps.clients.get(appointment.clientId);
  return person ? { firstName: person.firstName, lastName: person.lastName } : undefined;
}
