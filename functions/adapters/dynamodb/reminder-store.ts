import type { ReminderClaims, ReminderKey } from '../../invitations/reminders';
import {
  ConditionalCheckFailedException,
  documents,
  QueryCommand,
  UpdateCommand,
} from '../../platform/aws/dynamodb';
import type { Appointment } from '../../scheduling/appointment';
import { keys, tables, withoutKeys } from './tables';

/** A claim left unfinished this long (a crashed sweep) may be taken by the next one. */
const staleClaimMs = 5 * 60_000;

const keyOf = (k: ReminderKey) => ({
  pk: `REMIND#${k.appointmentId}`,
  sk: `${k.hoursBefore}#${k.startsAt}`,
});

/**
 * Reminder claims in the guest-links table (`REMIND#<appointment>` / `<hours>#<start>`), kept
 * until a day after the visit (TTL). A claim is taken only if there is none, or if the one
 * there was given up (failed) or left unfinished for five minutes.
 */
export const dynamoReminderClaims: ReminderClaims = {
  async claim(key, now, expiresAt) {
    try {
      await documents().send(
        new UpdateCommand({
          TableName: tables.guestLinks(),
          Key: keyOf(key),
          UpdateExpression: 'SET claimedAt = :now, #state = :claimed, expiresAt = :ttl',
          ConditionExpression:
            'attribute_not_exists(pk) OR #state = :failed OR (#state = :claimed AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':now': now,
            ':claimed': 'claimed',
            ':failed': 'failed',
            ':ttl': expiresAt,
            ':stale': new Date(Date.parse(now) - staleClaimMs).toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },
  async done(key, outcome) {
    await documents().send(
      new UpdateCommand({
        TableName: tables.guestLinks(),
        Key: keyOf(key),
        UpdateExpression: 'SET #state = :s',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':s': outcome },
      }),
    );
  },
};

/** Appointments of a provider starting in [from, to] (gsi1, by start), for the sweep. */
export async function startingBetween(
  providerId: string,
  fromIso: string,
  toIso: string,
): Promise<Appointment[]> {
  const result = await documents().send(
    new QueryCommand({
      TableName: tables.appointments(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':p': keys.providerSchedule(providerId),
        ':from': fromIso,
        ':to': toIso,
      },
    }),
  );
  return (result.Items ?? []).map((item) => withoutKeys<Appointment>(item));
}
