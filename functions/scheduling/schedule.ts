import * as z from 'zod/mini';
import type { UserActor, UserDirectory, UserProfile } from '../identity/actor';
import { invalid, notFound } from '../platform/errors';
import type { AppointmentStore, ClientDirectory } from './appointment';
import { AppointmentSchema } from './appointment-views';

export interface ScheduleQuery {
  providerId?: string;
  from: string;
  to: string;
}

/** A calendar entry: the appointment's own fields, without its link, notes or visit. */
export const ScheduleEntrySchema = z
  .pick(AppointmentSchema, {
    id: true,
    providerId: true,
    providerName: true,
    clientId: true,
    clientName: true,
    startsAt: true,
    endsAt: true,
    status: true,
    video: true,
    bookedOnline: true,
    pendingApproval: true,
  })
  .register(z.globalRegistry, { id: 'ScheduleEntry' });

export const ScheduleSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    providers: z.array(
      z.object({ sub: z.string(), displayName: z.string(), teletherapy: z.boolean() }),
    ),
    appointments: z.array(ScheduleEntrySchema),
  })
  .register(z.globalRegistry, { id: 'Schedule' });

export type Schedule = z.infer<typeof ScheduleSchema>;

/** Longest range one schedule request may cover: a month view plus its edges. */
const maxRangeDays = 42;

async function providersInView(
  actor: UserActor,
  providerId: string | undefined,
  users: UserDirectory,
): Promise<UserProfile[]> {
  if (actor.role === 'provider') {
    // A provider's calendar is their own; asking for another's is answered as not found.
    if (providerId && providerId !== actor.sub)
      throw notFound('provider.not_found', 'There is no such calendar.');
    const self = await users.get(actor.sub);
    return self ? [self] : [];
  }
  const providers = (await users.list()).filter(
    (u) => u.role === 'provider' && u.status === 'active',
  );
  if (!providerId) return providers;
  const one = providers.filter((p) => p.sub === providerId);
  if (one.length === 0) throw notFound('provider.not_found', 'There is no such provider.');
  return one;
}

/**
 * Appointments in a time range. Providers see their own calendar; front desk and administrators
 * see one provider's, or every provider's side by side.
 */
export async function listSchedule(
  actor: UserActor,
  query: ScheduleQuery,
  ports: { appointments: AppointmentStore; clients: ClientDirectory; users: UserDirectory },
): Promise<Schedule> {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (!(to > from))
    throw invalid('validation.failed', 'The range must end after it starts.', {
      to: 'Must be after from',
    });
  if (to - from > maxRangeDays * 86_400_000) {
    throw invalid('validation.failed', `A schedule covers at most ${maxRangeDays} days.`, {
      to: 'Range too long',
    });
  }
  const fromIso = new Date(from).toISOString();
  const toIso = new Date(to).toISOString();
  const providers = await providersInView(actor, query.providerId, ports.users);
  const lists = await Promise.all(
    providers.map((p) => ports.appointments.listForProvider(p.sub, fromIso, toIso)),
  );
  const appointments = lists.flat();
  const names = await ports.clients.summaries([...new Set(appointments.map((a) => a.clientId))]);
  const providerNames = new Map(providers.map((p) => [p.sub, p.displayName]));
  return {
    from: fromIso,
    to: toIso,
    providers: providers.map((p) => ({
      sub: p.sub,
      displayName: p.displayName,
      teletherapy: p.teletherapy,
    })),
    appointments: appointments.map((a) => ({
      id: a.id,
      providerId: a.providerId,
      providerName: providerNames.get(a.providerId) ?? '',
      clientId: a.clientId,
      clientName: names.get(a.clientId)?.displayName ?? 'Unknown client',
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      status: a.status,
      video: a.video,
      ...(a.bookedOnline ? { bookedOnline: true } : {}),
      ...(a.pendingApproval ? { pendingApproval: true } : {}),
    })),
  };
}
