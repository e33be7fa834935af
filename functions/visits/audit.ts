import * as z from 'zod/mini';
import { invalid } from '../platform/errors';
import { id, instant } from '../shared/fields';
import { inviteeLabel } from '../shared/masked';
import type { VisitDeps } from './deps';
import type { AuditLog } from './ports';
import type { AuditEntry } from './visit';

export const AuditQuery = z
  .object({ from: instant, to: instant, visitId: z.optional(id) })
  .register(z.globalRegistry, { id: 'AuditQuery' });

export const AuditEntrySchema = z
  .object({
    eventId: z.string(),
    visitId: z
      .optional(z.string())
      .register(z.globalRegistry, { description: "Absent for the clinic's own entries" }),
    at: z.string(),
    type: z.string(),
    actor: z.string(),
    actorName: z.optional(z.string()),
    subject: z.optional(z.string()),
    subjectName: z.optional(z.string()),
    details: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  })
  .register(z.globalRegistry, { id: 'AuditEntry' });

export type NamedAuditEntry = AuditEntry & { actorName?: string; subjectName?: string };

const maxDays = 31;

/** The page resolves names for at most this many visits; beyond, entries show their ids. */
const maxNamedVisits = 200;

const fixedNames: Record<string, string> = {
  system: 'Televisit',
  chime: 'Video service',
  phone: 'Phone caller',
};

/**
 * Names for the ids of a page of entries, for the people allowed to read the log: a staff
 * member's name, the name a participant typed (from their visit), an invitee's contact name or
 * masked address. Read now, never stored in the trail; one read per visit and per person, all
 * at once.
 */
export async function nameEntries(
  entries: readonly AuditEntry[],
  deps: Pick<VisitDeps, 'visits' | 'users' | 'invitees'>,
): Promise<NamedAuditEntry[]> {
  const visitIds = [...new Set(entries.flatMap((e) => (e.visitId ? [e.visitId] : [])))].slice(
    0,
    maxNamedVisits,
  );
  const withInvitees = new Set(
    entries.filter((e) => e.type.startsWith('invitation.')).flatMap((e) => e.visitId ?? []),
  );
  const [visits, invitees] = await Promise.all([
    Promise.all(visitIds.map(async (id) => [id, await deps.visits.get(id)] as const)),
    Promise.all(
      visitIds
        .filter((id) => withInvitees.has(id))
        .map(async (id) => [id, await deps.invitees.list(id)] as const),
    ),
  ]);
  const names = new Map<string, string>(Object.entries(fixedNames));
  for (const [, visit] of visits)
    for (const p of Object.values(visit?.participants ?? {})) names.set(p.participantId, p.name);
  for (const [, list] of invitees)
    for (const invitee of list) names.set(invitee.inviteeId, inviteeLabel(invitee));
  const people = [...new Set(entries.flatMap((e) => [e.actor, e.subject ?? '']))].filter(
    (id) => id && !names.has(id),
  );
  await Promise.all(
    people.map(async (sub) => {
      const profile = await deps.users.get(sub);
      if (profile) names.set(sub, profile.displayName);
    }),
  );
  return entries.map((e) => ({
    ...e,
    ...(names.has(e.actor) ? { actorName: names.get(e.actor) } : {}),
    ...(e.subject && names.has(e.subject) ? { subjectName: names.get(e.subject) } : {}),
  }));
}

export async function listAudit(
  query: z.infer<typeof AuditQuery>,
  deps: { audit: AuditLog },
): Promise<AuditEntry[]> {
  const span = Date.parse(query.to) - Date.parse(query.from);
  if (!(span > 0))
    throw invalid('validation.failed', 'The range must end after it starts.', {
      to: 'Must be after from',
    });
  if (span > maxDays * 86_400_000)
    throw invalid('validation.failed', `The audit log shows at most ${maxDays} days at a time.`, {
      to: 'Range too long',
    });
  return deps.audit.list(query);
}

const csvCell = (value: unknown) => {
  const text =
    value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Quote every cell; a leading =, +, - or @ is defused so spreadsheets never run it as a formula.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replaceAll('"', '""')}"`;
};

export function auditCsv(entries: readonly NamedAuditEntry[]): string {
  const columns = [
    'at',
    'type',
    'visitId',
    'actorName',
    'actor',
    'subjectName',
    'subject',
    'details',
    'eventId',
  ] as const;
  const rows = entries.map((e) => columns.map((c) => csvCell(e[c])).join(','));
  return `${columns.join(',')}\r\n${rows.map((r) => `${r}\r\n`).join('')}`;
}
