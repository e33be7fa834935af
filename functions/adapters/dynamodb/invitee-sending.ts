import type { InviteeStore } from '../../invitations/ports';
import {
  DeleteCommand,
  documents,
  GetCommand,
  TransactionCanceledException,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '../../platform/aws/dynamodb';
import { auditItem } from './audit-log';
import { tables } from './tables';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const inviteeKey = (appointmentId: string, inviteeId: string) => ({
  pk: `APPT#${appointmentId}`,
  sk: `INVITEE#${inviteeId}`,
});

/** One per appointment, while a send is under way; gone by TTL an hour later in any case. */
const lockKey = (appointmentId: string) => ({ pk: `APPT#${appointmentId}`, sk: 'SENDING' });

const conditionFailed = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/**
 * Send Now's lock and its record, in the guest-links table. The lock (`APPT#<id>` / `SENDING`,
 * the attempt and when it began) is taken with the appointment's reads, so a double click sends
 * once; the outcomes, their audit entries and the lock's release are one transaction.
 */
export const sendingLock: Pick<
  InviteeStore,
  'claimSending' | 'recordSending' | 'releaseSending' | 'sendingUnderWay'
> = {
  async claimSending(appointmentId, attemptId, now, staleBefore) {
    try {
      await documents().send(
        new UpdateCommand({
          TableName: tables.guestLinks(),
          Key: lockKey(appointmentId),
          UpdateExpression: 'SET attemptId = :a, startedAt = :now, expiresAt = :e',
          ConditionExpression: 'attribute_not_exists(pk) OR startedAt < :stale',
          ExpressionAttributeValues: {
            ':a': attemptId,
            ':now': now,
            ':stale': staleBefore,
            ':e': Math.floor(Date.parse(now) / 1000) + 3600,
          },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  },
  async recordSending(appointmentId, attemptId, invitees, audit) {
    const release: TransactItem = {
      Delete: {
        TableName: tables.guestLinks(),
        Key: lockKey(appointmentId),
        ConditionExpression: 'attemptId = :a',
        ExpressionAttributeValues: { ':a': attemptId },
      },
    };
    const audits: TransactItem[] = audit.map((entry) => ({
      Put: {
        TableName: tables.audit(),
        Item: auditItem(entry),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }));
    let pending = [...invitees];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const updates: TransactItem[] = pending.map((invitee) => ({
        Update: {
          TableName: tables.guestLinks(),
          Key: inviteeKey(invitee.appointmentId, invitee.inviteeId),
          UpdateExpression: 'SET deliveries = :d',
          // Withdrawn meanwhile: nothing to record for them.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':d': invitee.deliveries },
        },
      }));
      try {
        await documents().send(
          new TransactWriteCommand({ TransactItems: [...updates, ...audits, release] }),
        );
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const gone = new Set(
          pending.filter((_, i) => reasons[i]?.Code === 'ConditionalCheckFailed'),
        );
        if (gone.size === 0) throw error;
        pending = pending.filter((invitee) => !gone.has(invitee));
      }
    }
    throw new Error('The send could not be recorded');
  },
  async sendingUnderWay(appointmentId) {
    const found = await documents().send(
      new GetCommand({
        TableName: tables.guestLinks(),
        Key: lockKey(appointmentId),
        ConsistentRead: true,
      }),
    );
    const startedAt = String(found.Item?.startedAt ?? '');
    return startedAt !== '' && Date.now() - Date.parse(startedAt) < 2 * 60_000;
  },
  async releaseSending(appointmentId, attemptId) {
    try {
      await documents().send(
        new DeleteCommand({
          TableName: tables.guestLinks(),
          Key: lockKey(appointmentId),
          ConditionExpression: 'attemptId = :a',
          ExpressionAttributeValues: { ':a': attemptId },
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  },
};
