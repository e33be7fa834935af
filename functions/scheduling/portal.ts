import type { UserActor, UserDirectory } from '../identity/actor';
import type { AppointmentStore } from './appointment';
import type { PortalAppointmentView } from './appointment-views';
import type { SettingsStore } from './clinic';
import { joinState } from './join-window';

export interface PortalDeps {
  appointments: AppointmentStore;
  users: UserDirectory;
  settings: SettingsStore;
  now: () => Date;
}

/** How far ahead the portal lists appointments. */
const horizonDays = 365;

/**
 * A client's upcoming appointments (and the one in progress), each with whether Join is open
 * now and, if not, why. Only their own: the client id comes from their profile, not the request.
 */
export async function portalAppointments(
  actor: UserActor,
  deps: PortalDeps,
): Promise<{ appointments: PortalAppointmentView[]; serverTime: string }> {
  const now = deps.now();
  if (actor.role !== 'client' || !actor.clientId)
    return { appointments: [], serverTime: now.toISOString() };
  const settings = await deps.settings.get();
  const from = new Date(now.getTime() - settings.graceMinutes * 60_000).toISOString();
  const to = new Date(now.getTime() + horizonDays * 86_400_000).toISOString();
  const found = (await deps.appointments.listForClient(actor.clientId, from, to)).sort((a, b) =>
    a.startsAt.localeCompare(b.startsAt),
  );
  const providers = new Map<string, string>();
  for (const id of new Set(found.map((a) => a.providerId))) {
    providers.set(id, (await deps.users.get(id))?.displayName ?? 'Your provider');
  }
  return {
    serverTime: now.toISOString(),
    appointments: found.map((a) => ({
      id: a.id,
      providerName: providers.get(a.providerId) ?? 'Your provider',
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      status: a.status,
      video: a.video,
      join: joinState(a, settings, now),
    })),
  };
}
