import type { UserActor, UserDirectory } from '../identity/actor';
import type { Appointment, AppointmentStore } from './appointment';
import type { PortalAppointmentView } from './appointment-views';
import type { SettingsStore } from './clinic';
import { joinState } from './join-window';

export interface PortalDeps {
  appointments: AppointmentStore;
  /** A contact's invitations (appointment ids), newest first. */
  invitationsOf(contactId: string): Promise<{ appointmentId: string; revokedAt?: string }[]>;
  users: UserDirectory;
  settings: SettingsStore;
  now: () => Date;
}

/** A client's own appointments; a contact's, the sessions they are invited to (not revoked). */
async function mine(
  actor: UserActor,
  from: string,
  to: string,
  deps: PortalDeps,
): Promise<Appointment[]> {
  if (actor.role === 'client' && actor.clientId)
    return deps.appointments.listForClient(actor.clientId, from, to);
  if (actor.role !== 'contact' || !actor.contactId) return [];
  const invitations = (await deps.invitationsOf(actor.contactId)).filter((i) => !i.revokedAt);
  const appointments = await Promise.all(
    [...new Set(invitations.map((i) => i.appointmentId))].map((id) => deps.appointments.get(id)),
  );
  return appointments.filter(
    (a): a is Appointment => a?.video === true && a.endsAt > from && a.startsAt < to,
  );
}

/** How far ahead the portal lists appointments. */
const horizonDays = 365;

/**
 * A client's upcoming appointments (and the one in progress), or the sessions a contact is
 * invited to, each with whether Join is open now and, if not, why. Only their own: the client or
 * contact id comes from their profile, never from the request.
 */
export async function portalAppointments(
  actor: UserActor,
  deps: PortalDeps,
): Promise<{ appointments: PortalAppointmentView[]; serverTime: string }> {
  const now = deps.now();
  const settings = await deps.settings.get();
  const from = new Date(now.getTime() - settings.graceMinutes * 60_000).toISOString();
  const to = new Date(now.getTime() + horizonDays * 86_400_000).toISOString();
  const found = (await mine(actor, from, to, deps)).sort((a, b) =>
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
