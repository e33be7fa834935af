import { makeLink } from '../links/link';
import { linkToken } from '../links/tokens';
import type { Appointment, BookingWrite } from '../scheduling/appointment';
import { linkExpiry } from '../scheduling/appointment-access';
import type { Client, ClientStore } from '../scheduling/clients';
import type { ClinicSettings } from '../scheduling/clinic';
import type { NewPersonalRoom, RoomStore } from '../scheduling/rooms';
import { newPersonalRoom } from '../scheduling/video-options';

export interface VideoDeps {
  rooms: Pick<RoomStore, 'get'>;
  clients: Pick<ClientStore, 'get'>;
  linkSecret: () => Promise<string>;
  now: () => Date;
  newId: () => string;
}

/** What an online booking writes for its video, and how its answer finds the join token. */
export interface OnlineVideo {
  links: BookingWrite['links'];
  personalRoom?: NewPersonalRoom;
  /** The join link's token (a room's is read while the booking is written). */
  token: () => Promise<string | undefined>;
}

/**
 * The link an online booking gets, as the clinic chose: a generated link of its own (the
 * default), or the client's personal room, made in the booking's transaction when they have
 * none (a new client is written with it). Sets the appointment's video option.
 */
export async function videoFor(
  appointment: Appointment,
  clinic: ClinicSettings,
  client: { record?: Client | undefined; fresh?: Client | undefined },
  secret: string,
  deps: VideoDeps,
): Promise<OnlineVideo> {
  const now = deps.now().toISOString();
  if (clinic.onlineBookingVideo !== 'personal-room') {
    const link = makeLink(
      { kind: 'appointment', appointmentId: appointment.id },
      secret,
      now,
      linkExpiry(appointment.endsAt, clinic),
    );
    appointment.videoOption = { kind: 'generated' };
    appointment.linkId = link.record.linkId;
    return {
      links: [{ record: link.record, hash: link.hash, appointmentId: appointment.id }],
      token: async () => link.token,
    };
  }
  const roomId = client.record?.personalRoomId;
  if (roomId) {
    // The room's link id is read beside the booking's write, not before it.
    appointment.videoOption = { kind: 'room', roomId };
    return {
      links: [],
      token: async () => {
        const room = await deps.rooms.get(roomId);
        return room ? linkToken(secret, room.linkId) : undefined;
      },
    };
  }
  const owner = client.record ?? client.fresh;
  if (!owner) throw new Error('An online booking without a client');
  const made = await newPersonalRoom(owner, undefined, 'online', deps);
  if (client.fresh) client.fresh.personalRoomId = made.room.id;
  appointment.videoOption = { kind: 'room', roomId: made.room.id, linkId: made.room.linkId };
  return {
    links: [],
    personalRoom: made,
    token: async () => linkToken(secret, made.room.linkId),
  };
}

/** The link id a client joins an appointment with: its own, or its room's. */
export async function joinLinkIdOf(
  appointment: Appointment,
  deps: Pick<VideoDeps, 'rooms'>,
): Promise<string | undefined> {
  const option = appointment.videoOption;
  if (option?.kind !== 'room') return appointment.linkId;
  return option.linkId ?? (await deps.rooms.get(option.roomId))?.linkId;
}
