import type { UserActor, UserDirectory } from '../identity/actor';
import { joinUrl, linkToken } from '../links/tokens';
import type { Appointment, AppointmentStore } from './appointment';
import { requireAppointment } from './appointment-access';
import { type AppointmentView, presentAppointment, type VisitSummary } from './appointment-views';
import type { ClientStore } from './clients';
import type { RoomStore } from './rooms';

export interface ViewDeps {
  appointments: AppointmentStore;
  clients: ClientStore;
  users: UserDirectory;
  rooms: RoomStore;
  linkSecret: () => Promise<string>;
  appUrl: () => Promise<string>;
  /** The appointment's visit, if anyone opened it (the visits context keeps it). */
  visitOf: (appointmentId: string) => Promise<VisitSummary | undefined>;
}

/**
 * An appointment as staff see it: names, the room's title and the client's join link. What the
 * caller has just read or made (the client, the provider; no visit yet for a new appointment)
 * is passed in `known` and not read again.
 */
export async function viewAppointment(
  a: Appointment,
  deps: ViewDeps,
  known: {
    client?: { displayName: string };
    provider?: { displayName: string };
    /** A new appointment has no visit: nothing to read. */
    new?: boolean;
  } = {},
): Promise<AppointmentView> {
  const [client, provider, room, visit] = await Promise.all([
    known.client ?? deps.clients.get(a.clientId),
    known.provider ?? deps.users.get(a.providerId),
    a.videoOption?.kind === 'room' ? deps.rooms.get(a.videoOption.roomId) : undefined,
    a.video && !known.new ? deps.visitOf(a.id) : undefined,
  ]);
  const linkId = a.videoOption?.kind === 'room' ? (a.videoOption.linkId ?? room?.linkId) : a.linkId;
  const videoLink =
    a.video && linkId
      ? joinUrl(await deps.appUrl(), linkToken(await deps.linkSecret(), linkId))
      : undefined;
  return presentAppointment(a, {
    clientName: client?.displayName ?? 'Unknown client',
    providerName: provider?.displayName ?? 'Unknown provider',
    ...(room ? { roomTitle: room.title } : {}),
    ...(videoLink ? { videoLink } : {}),
    ...(visit ? { visit } : {}),
  });
}

export async function getAppointmentView(
  actor: UserActor,
  id: string,
  deps: ViewDeps,
): Promise<AppointmentView> {
  return viewAppointment(await requireAppointment(actor, id, deps.appointments), deps);
}
