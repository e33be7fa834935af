import type { UserActor, UserDirectory } from '../identity/actor';
import { joinUrl, linkToken } from '../links/tokens';
import type { Appointment, AppointmentStore } from './appointment';
import { type AppointmentView, presentAppointment, type VisitSummary } from './appointment-views';
import { requireAppointment } from './booking';
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

/** An appointment as staff see it: names, the room's title and the client's join link. */
export async function viewAppointment(a: Appointment, deps: ViewDeps): Promise<AppointmentView> {
  const [client, provider, room, visit] = await Promise.all([
    deps.clients.get(a.clientId),
    deps.users.get(a.providerId),
    a.videoOption?.kind === 'room' ? deps.rooms.get(a.videoOption.roomId) : undefined,
    a.video ? deps.visitOf(a.id) : undefined,
  ]);
  const linkId = a.videoOption?.kind === 'room' ? room?.linkId : a.linkId;
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
