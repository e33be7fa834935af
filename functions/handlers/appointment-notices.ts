import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { invitationDeps } from '../http/deps/invitations';
import { confirmOnlineBooking } from '../invitations/booking-confirmation';
import { sendNotices } from '../invitations/notices';
import { logger } from '../platform/logger';

/**
 * Lambda entry for the appointments table's stream, filtered to appointment items: after each
 * change of an appointment, everyone told an old time (or not yet told of a cancellation)
 * hears of it (functions/invitations/notices.ts). One appointment's changes are handled once per
 * batch (what matters is how it is now); different appointments in parallel. A failure that is
 * not one message's (DynamoDB, Send Now's lock being held) reports the record, so Lambda offers
 * it again; a message that could not go out is recorded as failed for staff to retry instead.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const latest = new Map<string, string>();
  for (const record of event.Records) {
    const key = record.dynamodb?.Keys?.pk?.S ?? '';
    if (key.startsWith('APPT#'))
      latest.set(key.slice('APPT#'.length), record.dynamodb?.SequenceNumber ?? '');
  }
  const failed: string[] = [];
  await Promise.all(
    [...latest].map(async ([appointmentId, sequence]) => {
      try {
        await confirmOnlineBooking(appointmentId, invitationDeps);
        await sendNotices(appointmentId, invitationDeps);
      } catch (error) {
        logger.warn('appointment notices not sent', {
          appointmentId,
          errorName: error instanceof Error ? error.name : typeof error,
        });
        failed.push(sequence);
      }
    }),
  );
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}
