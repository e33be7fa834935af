import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { chimeVoiceLine } from '../adapters/chime-voice';
import { dynamoVisitStore } from '../adapters/dynamodb/visit-store';
import { realtimeNotifier } from '../adapters/realtime-notifier';
import { isDependencyFailure } from '../platform/dependency-errors';
import { logger } from '../platform/logger';
import { deliverNews, deliverScheduleNews } from '../visits/news';
import type { Visit } from '../visits/visit';
import type { VisitEvent } from '../visits/waiting-room';

const deps = { visits: dynamoVisitStore, notify: realtimeNotifier, phone: chimeVoiceLine };

/**
 * Lambda entry for the appointments table's stream, filtered to visit state items and
 * appointments: each committed visit change's events become pushes, and each appointment made
 * or changed tells its provider's pages (functions/visits/news.ts), after the commit and off every
 * request's path. Changes of one visit are sent in order; different visits in parallel. A push
 * that could not be attempted (the connections table or the WebSocket API failing) reports its
 * record as failed, so Lambda retries from there; pushes are hints, so a repeat is harmless.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const byVisit = new Map<string, { sequence: string; visit: Visit; events: VisitEvent[] }[]>();
  const schedules = new Map<
    string,
    { sequence: string; appointmentId: string; providerId: string }
  >();
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    const sequence = record.dynamodb?.SequenceNumber ?? '';
    if (!image) continue;
    // The stream's attribute values are DynamoDB's wire format, which unmarshall reads.
    const item = unmarshall(image as Parameters<typeof unmarshall>[0]) as Visit & {
      news?: VisitEvent[];
      pk?: string;
      sk?: string;
    };
    if (item.pk?.startsWith('APPT#')) {
      // An appointment made or changed: one push per provider and batch is enough.
      const { id, providerId } = item as unknown as { id: string; providerId: string };
      if (providerId) schedules.set(providerId, { sequence, appointmentId: id, providerId });
      continue;
    }
    const { news, pk: _pk, sk: _sk, ...visit } = item;
    if (!news || news.length === 0) continue;
    const list = byVisit.get(visit.visitId) ?? [];
    list.push({ sequence, visit, events: news });
    byVisit.set(visit.visitId, list);
  }
  const failed: string[] = [];
  const scheduleNews = deliverScheduleNews([...schedules.values()], deps.notify).catch(
    (error: unknown) => {
      logger.warn('schedule news not delivered', {
        errorName: error instanceof Error ? error.name : typeof error,
      });
      // Hints only: the page also reloads on a timer; retried only when the push could not start.
      if (isDependencyFailure(error))
        failed.push(...[...schedules.values()].map((s) => s.sequence));
    },
  );
  await Promise.all(
    [...byVisit.values()].map(async (changes) => {
      for (const change of changes) {
        try {
          await deliverNews(change.visit, change.events, deps);
        } catch (error) {
          logger.warn('visit news not delivered', {
            visitId: change.visit.visitId,
            version: change.visit.version,
            errorName: error instanceof Error ? error.name : typeof error,
          });
          if (isDependencyFailure(error)) {
            failed.push(change.sequence);
            return; // the rest of this visit's changes come again, in order, with the retry
          }
        }
      }
    }),
  );
  await scheduleNews;
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}
