import { documents, PutCommand } from '../../platform/aws/dynamodb';
import type { AuditLog } from '../../visits/ports';
import type { AuditEntry } from '../../visits/visit';
import { queryAll } from './helpers';
import { tables, withoutKeys } from './tables';

/**
 * Audit items: `VISIT#<id>` (a visit's) or `CLINIC` (the clinic's own: roles, permissions,
 * settings) / `<at>#<eventId>`, and gsi1 `DAY#<yyyy-mm-dd>` to list everything by date.
 */
export function auditItem(entry: AuditEntry): Record<string, unknown> {
  const sortKey = `${entry.at}#${entry.eventId}`;
  return {
    pk: entry.visitId ? `VISIT#${entry.visitId}` : 'CLINIC',
    sk: sortKey,
    gsi1pk: `DAY#${entry.at.slice(0, 10)}`,
    gsi1sk: sortKey,
    ...entry,
  };
}

/** An entry as an item of a transaction: written once, never over an entry of the same id. */
export function auditPut(entry: AuditEntry) {
  return {
    Put: {
      TableName: tables.audit(),
      Item: auditItem(entry),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

function days(fromIso: string, toIso: string): string[] {
  const list: string[] = [];
  for (let t = Date.parse(fromIso.slice(0, 10)); t <= Date.parse(toIso); t += 86_400_000)
    list.push(new Date(t).toISOString().slice(0, 10));
  return list;
}

/**
 * The append-only audit table: entries are only ever put, on condition that they do not exist;
 * nothing updates or deletes them (the functions are granted PutItem and reads only).
 */
export const dynamoAuditLog: AuditLog = {
  async append(entries) {
    for (const entry of entries) {
      try {
        await documents().send(
          new PutCommand({
            TableName: tables.audit(),
            Item: auditItem(entry),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        // The same event again (a retried request): it is already written once.
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException'))
          throw error;
      }
    }
  },
  async list({ from, to, visitId }) {
    const range = { ':from': from, ':to': `${to}~` };
    const found = visitId
      ? await queryAll({
          TableName: tables.audit(),
          KeyConditionExpression: 'pk = :p AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':p': `VISIT#${visitId}`, ...range },
        })
      : (
          await Promise.all(
            days(from, to).map((day) =>
              queryAll({
                TableName: tables.audit(),
                IndexName: 'gsi1',
                KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
                ExpressionAttributeValues: { ':p': `DAY#${day}`, ...range },
              }),
            ),
          )
        ).flat();
    return found
      .map((item) => withoutKeys<AuditEntry>(item))
      .sort((a, b) => a.at.localeCompare(b.at));
  },
};
