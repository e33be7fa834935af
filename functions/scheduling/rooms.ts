import * as z from 'zod/mini';
import type { LinkRecord } from '../links/link';
import { notFound } from '../platform/errors';
import { shortText } from '../shared/fields';

/**
 * A video room with a persistent link: a client's personal room (one per client, reused by
 * every appointment that chooses it), or an ad-hoc room used without an appointment.
 */
export interface Room {
  id: string;
  title: string;
  kind: 'personal' | 'adhoc';
  clientId?: string;
  linkId: string;
  /** The visit open in this room right now, when it is used without an appointment. */
  activeVisitId?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const RoomSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(['personal', 'adhoc']),
    clientId: z.optional(z.string()),
    clientName: z
      .optional(z.string())
      .register(z.globalRegistry, { description: "A personal room's client, for staff" }),
    url: z.string().register(z.globalRegistry, {
      description: 'The persistent join link; copy it and share it',
    }),
    createdAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Room' });

const title = shortText('The title', 80).check(z.minLength(1, 'Give the room a title'));

export const RoomInput = z.strictObject({ title }).register(z.globalRegistry, { id: 'RoomInput' });
export const PersonalRoomInput = z
  .strictObject({ title: z.optional(title) })
  .register(z.globalRegistry, { id: 'PersonalRoomInput' });
export const RoomPatch = z.strictObject({ title }).register(z.globalRegistry, { id: 'RoomPatch' });

/**
 * A client's personal room and its link, not yet written: a booking that chooses it writes it in
 * its own transaction, so a refused booking leaves no room behind.
 */
export interface NewPersonalRoom {
  room: Room & { clientId: string };
  link: LinkRecord;
  linkHash: string;
}

/** Port: rooms and their links. */
export interface RoomStore {
  get(id: string): Promise<Room | undefined>;
  list(): Promise<Room[]>;
  /** Creates a room and its link record together. */
  create(room: Room, link: LinkRecord, linkHash: string): Promise<void>;
  /**
   * Creates a client's personal room only if the client has none yet (a conditional write on
   * the client record); returns false when another request made one first.
   */
  createPersonal(made: NewPersonalRoom): Promise<boolean>;
  updateTitle(id: string, title: string, now: string): Promise<Room>;
  /** Sets (or, with undefined, clears) the room's open visit, if it is still `expected`. */
  setActiveVisit(
    id: string,
    visitId: string | undefined,
    expected: string | undefined,
  ): Promise<boolean>;
}

export async function requireRoom(store: RoomStore, id: string): Promise<Room> {
  const room = await store.get(id);
  if (!room) throw notFound('room.not_found', 'There is no room with this id.');
  return room;
}
