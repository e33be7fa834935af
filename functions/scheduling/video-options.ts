import type { UserProfile } from '../identity/actor';
import { makeLink } from '../links/link';
import { forbidden, invalid } from '../platform/errors';
import type { VideoOption } from './appointment';
import type { VideoOptionInput } from './appointment-input';
import type { Client } from './clients';
import { type Room, type RoomStore, requireRoom } from './rooms';

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
  const now = deps.now().toISOString();
  const roomId = deps.newId();
  const link = makeLink({ kind: 'room', roomId }, await deps.linkSecret(), now);
  const room: Room & { clientId: string } = {
    id: roomId,
    title: title ?? `${client.firstName}'s room`,
    kind: 'personal',
    clientId: client.id,
    linkId: link.record.linkId,
    createdBy: actorSub,
    createdAt: now,
    updatedAt: now,
  };
  if (await deps.rooms.createPersonal(room, link.record, link.hash)) return room;
  const winner = await deps.clients.get(client.id);
  if (!winner?.personalRoomId)
    throw new Error('Personal room creation lost a race but found no room');
  return requireRoom(deps.rooms, winner.personalRoomId);
}

/** Turns the editor's choice into what the appointment stores. */
export async function resolveVideoOption(
  option: VideoOptionInput | undefined,
  client: Client,
  actorSub: string,
  deps: VideoDeps,
): Promise<VideoOption> {
  const choice = option ?? { kind: 'generated' as const };
  switch (choice.kind) {
    case 'generated':
      return { kind: 'generated' };
    case 'personal-room':
      return {
        kind: 'room',
        roomId: (await ensurePersonalRoom(client, choice.title, actorSub, deps)).id,
      };
    case 'room': {
      const room = await deps.rooms.get(choice.roomId);
      if (!room)
        throw invalid('room.not_found', 'That room does not exist.', {
          'videoOption.roomId': 'No such room',
        });
      return { kind: 'room', roomId: room.id };
    }
  }
}
