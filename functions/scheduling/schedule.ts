import type { UserActor } from '../identity/actor';
import { forbidden, invalid } from '../platform/errors';
import type { AppointmentStore, ClientDirectory } from './appointment';

export interface ScheduleQuery {
  providerId?: string;
  from: string;
  to: string;
}

export interface ScheduleEntry {
  id: string;
  providerId: string;
  clientId: string;
  clientName: string;
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'cancelled' | 'completed';
  video: boolean;
  title?: string;
}

/** Longest range one schedule request may cover: a month view plus its edges. */
const maxRangeDays = 42;

/**
 * A provider's appointments in a time range. Providers see their own calendar; front desk and
 * administrators see any provider's.
 */
export async function listSchedule(
  actor: UserActor,
  query: ScheduleQuery,
  ports: { appointments: AppointmentStore; clients: ClientDirectory },
): Promise<{ providerId: string; from: string; to: string; appointments: ScheduleEntry[] }> {
  const providerId = query.providerId ?? actor.sub;
  if (actor.role === 'provider' && providerId !== actor.sub) {
    throw forbidden('schedule.forbidden', 'Providers can only see their own schedule.');
  }
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (!(to > from))
    throw invalid('validation.failed', 'The range must end after it starts.', {
      to: 'must be after from',
    });
  if (to - from > maxRangeDays * 86_400_000) {
    throw invalid('validation.failed', `A schedule covers at most ${maxRangeDays} days.`, {
      to: 'range too long',
    });
  }
  const fromIso = new Date(from).toISOString();
  const toIso = new Date(to).toISOString();
  const appointments = await ports.appointments.listForProvider(providerId, fromIso, toIso);
  const names = await ports.clients.summaries([...new Set(appointments.map((a) => a.clientId))]);
  return {
    providerId,
    from: fromIso,
    to: toIso,
    appointments: appointments.map((a) => ({
      id: a.id,
      providerId: a.providerId,
      clientId: a.clientId,
      clientName: names.get(a.clientId)?.displayName ?? 'Unknown client',
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      status: a.status,
      video: a.video,
      ...(a.title ? { title: a.title } : {}),
    })),
  };
}
