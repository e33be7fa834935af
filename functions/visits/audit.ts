import { z } from 'zod';
import { invalid } from '../platform/errors';
import { id, instant } from '../shared/fields';
import type { AuditLog } from './ports';
import type { AuditEntry } from './visit';

export const AuditQuery = z
  .object({ from: instant, to: instant, visitId: id.optional() })
  .meta({ id: 'AuditQuery' });

export const AuditEntrySchema = z
  .object({
    eventId: z.string(),
    visitId: z.string(),
    at: z.string(),
    type: z.string(),
    actor: z.string(),
    subject: z.string().optional(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .meta({ id: 'AuditEntry' });

const maxDays = 31;

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

export function auditCsv(entries: readonly AuditEntry[]): string {
  const columns = ['at', 'type', 'visitId', 'actor', 'subject', 'details', 'eventId'] as const;
  const rows = entries.map((e) => columns.map((c) => csvCell(e[c])).join(','));
  return `${columns.join(',')}\r\n${rows.map((r) => `${r}\r\n`).join('')}`;
}
