import { createHash } from 'node:crypto';
import type { Invitee } from '../../invitations/invitee';
import type { InviteeStore } from '../../invitations/ports';
import {
  documents,
  GetCommand,
  TransactionCanceledException,
  TransactWriteCommand,
} from '../../platform/aws/dynamodb';
import { queryAll } from './helpers';
import { inviteeKey, sendingLock } from './invitee-sending';
import { linkItem } from './link-store';
import { keys, tables, withoutKeys } from './tables';

/** A PIN's item, under the keyed hash of its digits (invitations/pins.ts). */
export const pinKey = (hash: string) => ({ pk: `PIN#${hash}`, sk: 'PIN' });
/**
 * How many people beside the client are invited. Indexed under gsi1 `APPT#<id>` like the links
 * and PINs, so cancelling, completing or rescheduling re-times or revokes it with them.
 */
const countKey = (appointmentId: string) => ({ pk: `APPT#${appointmentId}`, sk: 'INVITED' });

/** Who an invitee is, hashed: the same contact, address or number cannot be invited twice. */
function identityKey(invitee: Invitee) {
  const who =
    invitee.kind === 'client'
      ? 'client'
      : invitee.contactId
        ? `contact:${invitee.contactId}`
        : invitee.email
          ? `email:${invitee.email}`
          : `phone:${invitee.phone}`;
  return {
    pk: `APPT#${invitee.appointmentId}`,
    sk: `WHO#${createHash('sha256').update(who).digest('hex')}`,
  };
}

function isConditionFailure(error: unknown): error is TransactionCanceledException {
  return error instanceof TransactionCanceledException;
}

const failed = (reason: { Code?: string | undefined } | undefined) =>
  reason?.Code === 'ConditionalCheckFailed';
const conflicted = (error: TransactionCanceledException) =>
  (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');

/** The count goes up only below the limit, in the transaction that adds the invitee. */
function countUp(invitee: Invitee, maxInvitees: number) {
  return {
    Update: {
      TableName: tables.guestLinks(),
      Key: countKey(invitee.appointmentId),
      UpdateExpression: 'ADD #n :one SET expiresAt = :e, gsi1pk = :g, gsi1sk = :s',
      ConditionExpression: 'attribute_not_exists(#n) OR #n < :max',
      ExpressionAttributeNames: { '#n': 'invited' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':max': maxInvitees,
        ':e': invitee.expiresAt,
        ':g': `APPT#${invitee.appointmentId}`,
        ':s': 'INVITED',
      },
    },
  };
}

/**
 * Invitees in the guest-links table: `APPT#<id>` / `INVITEE#<inviteeId>` (gsi1 `CONTACT#<id>`
 * for a contact's portal), a guard item per person (`WHO#<hash>`), and a PIN item keyed by the
 * PIN itself (`PIN#<digits>`), which makes a PIN unique among active invitations by a
 * conditional write; an expired or revoked PIN item may be taken again.
 */
export const dynamoInviteeStore: InviteeStore = {
  async list(appointmentId) {
    const found = await queryAll({
      TableName: tables.guestLinks(),
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :i)',
      ExpressionAttributeValues: { ':p': `APPT#${appointmentId}`, ':i': 'INVITEE#' },
    });
    return found
      .map((item) => withoutKeys<Invitee>(item))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  },
  async get(appointmentId, inviteeId) {
    const result = await documents().send(
      new GetCommand({
        TableName: tables.guestLinks(),
        Key: inviteeKey(appointmentId, inviteeId),
      }),
    );
    return result.Item ? withoutKeys<Invitee>(result.Item) : undefined;
  },
  async add(invitee, link, nowSeconds, maxInvitees) {
    const table = tables.guestLinks();
    const contactIndex = invitee.contactId
      ? {
          gsi1pk: `CONTACT#${invitee.contactId}`,
          gsi1sk: `${invitee.startsAt}#${invitee.appointmentId}`,
        }
      : {};
    try {
      await documents().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: {
                  ...identityKey(invitee),
                  inviteeId: invitee.inviteeId,
                  expiresAt: invitee.expiresAt,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: table,
                Item: {
                  ...inviteeKey(invitee.appointmentId, invitee.inviteeId),
                  ...contactIndex,
                  ...invitee,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: table,
                Item: {
                  ...pinKey(invitee.pinHash),
                  gsi1pk: `APPT#${invitee.appointmentId}`,
                  gsi1sk: `PIN#${invitee.pinHash}`,
                  appointmentId: invitee.appointmentId,
                  inviteeId: invitee.inviteeId,
                  expiresAt: invitee.expiresAt,
                },
                ConditionExpression:
                  'attribute_not_exists(pk) OR expiresAt <= :now OR attribute_exists(revokedAt)',
                ExpressionAttributeValues: { ':now': nowSeconds },
              },
            },
            ...(link
              ? [
                  {
                    Put: {
                      TableName: table,
                      Item: linkItem(link.record, link.hash),
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ]
              : []),
            // The client is always invited: only the others count against the limit.
            ...(invitee.kind === 'client' ? [] : [countUp(invitee, maxInvitees)]),
          ],
        }),
      );
      return 'added';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const [who, , pin] = reasons;
      if (failed(who)) return 'duplicate';
      if (invitee.kind !== 'client' && failed(reasons.at(-1))) return 'full';
      if (failed(pin)) return 'pin-taken';
      if (conflicted(error)) return 'busy';
      throw error;
    }
  },
  async remove(invitee, linkHash, now) {
    const table = tables.guestLinks();
    // The PIN item goes only while it is still this invitee's: once expired, DynamoDB's TTL may
    // have removed it, or another invitation may have taken the same digits.
    for (const withPin of [true, false]) {
      const outcome = await removeOnce(table, invitee, linkHash, now, withPin);
      if (outcome !== 'pin-not-ours') return outcome;
    }
    throw new Error('A withdrawal without the PIN cannot fail on the PIN');
  },
  ...sendingLock,
  async forContact(contactId) {
    const found = await queryAll({
      TableName: tables.guestLinks(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': `CONTACT#${contactId}` },
    });
    return found.map((item) => withoutKeys<Invitee>(item));
  },
};

/**
 * One attempt at withdrawing: the invitee, their guard and (with `withPin`) their PIN go, the
 * link is revoked and a place is freed, all or nothing.
 */
async function removeOnce(
  table: string,
  invitee: Invitee,
  linkHash: string | undefined,
  now: string,
  withPin: boolean,
): Promise<'removed' | 'gone' | 'busy' | 'pin-not-ours'> {
  const pin = {
    Delete: {
      TableName: table,
      Key: pinKey(invitee.pinHash),
      ConditionExpression: 'inviteeId = :i',
      ExpressionAttributeValues: { ':i': invitee.inviteeId },
    },
  };
  try {
    await documents().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: table,
              Key: inviteeKey(invitee.appointmentId, invitee.inviteeId),
              // Two withdrawals at once free one place, not two.
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          { Delete: { TableName: table, Key: identityKey(invitee) } },
          ...(linkHash
            ? [
                {
                  Update: {
                    TableName: table,
                    Key: keys.link(linkHash),
                    UpdateExpression: 'SET revokedAt = :r',
                    ExpressionAttributeValues: { ':r': now },
                  },
                },
              ]
            : []),
          {
            Update: {
              TableName: table,
              Key: countKey(invitee.appointmentId),
              UpdateExpression: 'ADD #n :minus',
              ExpressionAttributeNames: { '#n': 'invited' },
              ExpressionAttributeValues: { ':minus': -1 },
            },
          },
          // Last, so that its cancellation reason is the last one.
          ...(withPin ? [pin] : []),
        ],
      }),
    );
    return 'removed';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (failed(reasons[0])) return 'gone';
    if (withPin && failed(reasons.at(-1))) return 'pin-not-ours';
    if (conflicted(error)) return 'busy';
    throw error;
  }
}
