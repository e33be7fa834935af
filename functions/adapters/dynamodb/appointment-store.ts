import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../platform/clients';
import type {
  Appointment,
  AppointmentStore,
  ClientDirectory,
  ClientSummary,
} from '../../scheduling/appointment';
import { maxAppointmentMs } from '../../scheduling/rules';
import { keys, tables, withoutKeys } from './tables';

/**
 * Appointments live in the appointments table under `APPT#<id>`; index gsi1 lists a provider's
 * calendar (gsi1pk `PROVIDER#<id>`, gsi1sk start time), gsi2 a client's (`CLIENT#<id>`).
 */
export const dynamoAppointmentStore: AppointmentStore = {
  async listForProvider(providerId, fromIso, toIso) {
    // An appointment that started before `from` can still overlap it: widen by the longest one.
    const earliestStart = new Date(Date.parse(fromIso) - maxAppointmentMs).toISOString();
    const items: Appointment[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await clients.documents().send(
        new QueryCommand({
          TableName: tables.appointments(),
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':p': keys.providerSchedule(providerId),
            ':from': earliestStart,
            ':to': toIso,
          },
          ExclusiveStartKey: cursor,
        }),
      );
      for (const item of page.Items ?? []) items.push(withoutKeys<Appointment>(item));
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    return items.filter((a) => a.endsAt > fromIso && a.startsAt < toIso);
  },
};

export const dynamoClientDirectory: ClientDirectory = {
  async summaries(ids) {
    const found = new Map<string, ClientSummary>();
    for (let i = 0; i < ids.length; i += 100) {
      const batch = ids.slice(i, i + 100);
      let request:
        | Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression?: string }>
        | undefined = {
        [tables.appointments()]: {
          Keys: batch.map((id) => keys.client(id)),
          ProjectionExpression: 'id, displayName',
        },
      };
      while (request && Object.keys(request).length > 0) {
        const result = await clients
          .documents()
          .send(new BatchGetCommand({ RequestItems: request }));
        for (const item of result.Responses?.[tables.appointments()] ?? []) {
          found.set(String(item.id), {
            id: String(item.id),
            displayName: String(item.displayName),
          });
        }
        request = result.UnprocessedKeys as typeof request;
      }
    }
    return found;
  },
};
