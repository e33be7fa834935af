import type { UserActor } from '../identity/actor';
import { makeLink } from '../links/link';
import { joinUrl, linkToken } from '../links/tokens';
import type { ClientStore } from './clients';
import { requireClient } from './clients';
import { type Room, type RoomStore, requireRoom } from './rooms';
import { ensurePersonalRoom } from './video-options';

export interface RoomDeps {
  rooms: RoomStore;
  clients: ClientStore;
  linkSecret: () => Promise<string>;
  appUrl: () => Promise<string>;
  now: () => Date;
  newId: () => string;
}

export async function roomUrl(
  room: Pick<Room, 'linkId'>,
  deps: Pick<RoomDeps, 'linkSecret' | 'appUrl'>,
): Promise<string> {
  return joinUrl(await deps.appUrl(), linkToken(await deps.linkSecret(), room.linkId));
}

async function present(room: Room, deps: RoomDeps) {
  const client = room.clientId ? await deps.clients.get(room.clientId) : undefined;
  return {
    id: room.id,
    title: room.title,
    kind: room.kind,
    ...(room.clientId ? { clientId: room.clientId } : {}),
    ...(client ? { clientName: client.displayName } : {}),
    url: await roomUrl(room, deps),
    createdAt: room.createdAt,
  };
}

export async function listRooms(deps: RoomDeps) {
  const rooms = await deps.rooms.list();
  return { rooms: await Promise.all(rooms.map((r) => present(r, deps))) };
}

export async function getRoom(id: string, deps: RoomDeps) {
  return present(await requireRoom(deps.rooms, id), deps);
}

/** An ad-hoc room: used without an appointment, shared by its link. */
export async function createRoom(actor: UserActor, input: { title: string }, deps: RoomDeps) {
  const now = deps.now().toISOString();
  const roomId = deps.newId();
  const link = makeLink({ kind: 'room', roomId }, await deps.linkSecret(), now);
  const room: Room = {
    id: roomId,
    title: input.title,
    kind: 'adhoc',
    linkId: link.record.linkId,
    createdBy: actor.sub,
    createdAt: now,
    updatedAt: now,
  };
  await deps.rooms.create(room, link.record, link.hash);
  return present(room, deps);
}

export async function renameRoom(id: string, input: { title: string }, deps: RoomDeps) {
  await requireRoom(deps.rooms, id);
  return present(await deps.rooms.updateTitle(id, input.title, deps.now().toISOString()), deps);
}

export async function personalRoom(
  actor: UserActor,
  clientId: string,
  input: { title?: string },
  deps: RoomDeps,
) {
  const client = await requireClient(deps.clients, clientId);
  return present(await ensurePersonalRoom(client, input.title, actor.sub, deps), deps);
}
