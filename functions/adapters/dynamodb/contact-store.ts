import {
  documents,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '../../platform/aws/dynamodb';
import type { Contact, ContactStore } from '../../scheduling/contacts';
import { batchGetAll, queryAll, updateExpression } from './helpers';
import { items, keys, tables, withoutKeys } from './tables';

/**
 * Contacts under `CONTACT#<id>`, with one link item per client (`CLIENT#<cid>` /
 * `CONTACT#<id>`) so a client's contacts are one query; the contact keeps `clientIds` too, and
 * both change in one transaction.
 */
export const dynamoContactStore: ContactStore = {
  async create(contact) {
    await documents().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tables.appointments(),
              Item: items.contact(contact),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...contact.clientIds.map((clientId) => ({
            Put: {
              TableName: tables.appointments(),
              Item: items.contactLink(clientId, contact.id),
            },
          })),
        ],
      }),
    );
  },
  async get(id) {
    const result = await documents().send(
      new GetCommand({ TableName: tables.appointments(), Key: keys.contact(id) }),
    );
    return result.Item ? withoutKeys<Contact>(result.Item) : undefined;
  },
  async update(id, changes, remove) {
    const set: Record<string, unknown> = { ...changes };
    if (changes.displayName !== undefined)
      set.gsi1sk = items.contact({ id, displayName: changes.displayName }).gsi1sk;
    const result = await documents().send(
      new UpdateCommand({
        TableName: tables.appointments(),
        Key: keys.contact(id),
        ...updateExpression(set, remove as string[]),
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<Contact>(result.Attributes ?? {});
  },
  async listForClient(clientId) {
    const linksFound = await queryAll({
      TableName: tables.appointments(),
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':p': `CLIENT#${clientId}`, ':c': 'CONTACT#' },
    });
    const contacts = await batchGetAll(
      tables.appointments(),
      linksFound.map((l) => keys.contact(String(l.contactId))),
    );
    return contacts
      .map((c) => withoutKeys<Contact>(c))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  },
  async link(contactId, clientId, now) {
    await documents()
      .send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tables.appointments(),
                Item: items.contactLink(clientId, contactId),
              },
            },
            {
              Update: {
                TableName: tables.appointments(),
                Key: keys.contact(contactId),
                UpdateExpression: 'SET clientIds = list_append(clientIds, :c), updatedAt = :now',
                ConditionExpression: 'attribute_exists(pk) AND NOT contains(clientIds, :id)',
                ExpressionAttributeValues: { ':c': [clientId], ':id': clientId, ':now': now },
              },
            },
          ],
        }),
      )
      .catch((error: unknown) => {
        // Already linked: linking twice is harmless.
        if (error instanceof Error && error.name === 'TransactionCanceledException') return;
        throw error;
      });
  },
  async unlink(contactId, clientId, now) {
    const contact = await this.get(contactId);
    if (!contact) return;
    const remaining = contact.clientIds.filter((c) => c !== clientId);
    await documents().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tables.appointments(),
              Key: keys.contactLink(clientId, contactId),
            },
          },
          {
            Update: {
              TableName: tables.appointments(),
              Key: keys.contact(contactId),
              UpdateExpression: 'SET clientIds = :c, updatedAt = :now',
              ConditionExpression: 'updatedAt = :u',
              ExpressionAttributeValues: { ':c': remaining, ':u': contact.updatedAt, ':now': now },
            },
          },
        ],
      }),
    );
  },
};
