import type { UserProfile } from '../identity/actor';
import { makeLink } from '../links/link';
import { forbidden, invalid } from '../platform/errors';
import type { VideoOption } from './appointment';
import type { VideoOptionInput } from './appointment-input';
import type { Client } from './clients';
import { type NewPersonalRoom, type Room, type RoomStore, requireRoom } from './rooms';

export interface VideoDeps {
  rooms: RoomStore;
  clients: { get(id: string): Promise<Client | undefined> };
  linkSecret: () => Promise<string>;
  now: () => Date;
  newId: () => string;
}

/** Only providers with the teletherapy permission hold video sessions. */
export function requireTeletherapy(
  provider: Pick<UserProfile, 'teletherapy' | 'displayName'>,
): void {
  if (!provider.teletherapy) {
    throw forbidden(
      'teletherapy.not_enabled',
      `${provider.displayName} does not have the teletherapy permission, so this cannot be a video session. An owner or manager can turn it on in Staff.`,
    );
  }
}

/** A client's personal room and its link, made in memory with its title; nothing is written. */
export async function newPersonalRoom(
  client: Client,
  title: string | undefined,
  actorSub: string,
  deps: Pick<VideoDeps, 'linkSecret' | 'now' | 'newId'>,
): Promise<NewPersonalRoom> {
  const now = deps.now().toISOString();
  const roomId = deps.newId();
  const link = makeLink({ kind: 'room', roomId }, await deps.linkSecret(), now);
  return {
    room: {
      id: roomId,
      title: title ?? `${client.firstName}'s room`,
      kind: 'personal',
      clientId: client.id,
      linkId: link.record.linkId,
      createdBy: actorSub,
      createdAt: now,
      updatedAt: now,
    },
    link: link.record,
    linkHash: link.hash,
  };
}

/**
 * The client's personal room, made on demand with its title. One per client even under
 * concurrent requests: the second writer finds the first one's room.
 */
export async function ensurePersonalRoom(
  client: Client,
  title: string | undefined,
  actorSub: string,
  deps: VideoDeps,
): Promise<Room> {
  if (client.personalRoomId) return requireRoom(deps.rooms, client.personalRoomId);
  const made = await newPersonalRoom(client, title, actorSub, deps);
  if (await deps.rooms.createPersonal(made)) return made.room;
  const winner = await deps.clients.get(client.id);
  if (!winner?.personalRoomId)
    throw new Error('Personal room creation lost a race but found no room');
  return requireRoom(deps.rooms, winner.personalRoomId);
}

/** What an appointment stores for its video, and the personal room its booking must make, if any. */
export interface VideoChoice {
  videoOption: VideoOption;
  personalRoom?: NewPersonalRoom;
}

/**
 * Turns the editor's choice into what the appointment stores. A personal room the client does
 * not have yet is only planned here: the booking writes it in its own transaction.
 */
export async function resolveVideoOption(
  option: VideoOptionInput | undefined,
  client: Client,
  actorSub: string,
  deps: VideoDeps,
): Promise<VideoChoice> {
  const choice = option ?? { kind: 'generated' as const };
  switch (choice.kind) {
    case 'generated':
      return { videoOption: { kind: 'generated' } };
    case 'personal-room': {
      if (client.personalRoomId) {
        const room = await requireRoom(deps.rooms, client.personalRoomId);
        return { videoOption: { kind: 'room', roomId: room.id, linkId: room.linkId } };
      }
      const personalRoom = await newPersonalRoom(client, choice.title, actorSub, deps);
      return {
        videoOption: {
          kind: 'room',
          roomId: personalRoom.room.id,
          linkId: personalRoom.room.linkId,
        },
        personalRoom,
      };
    }
    case 'room': {
      const room = await deps.rooms.get(choice.roomId);
      if (!room)
        throw invalid('room.not_found', 'That room does not exist.', {
          'videoOption.roomId': 'No such room',
        });
      return { videoOption: { kind: 'room', roomId: room.id, linkId: room.linkId } };
    }
  }
}
