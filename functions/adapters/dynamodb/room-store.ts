import {
  documents,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '../../platform/aws/dynamodb';
import type { NewPersonalRoom, Room, RoomStore } from '../../scheduling/rooms';
import { queryAll } from './helpers';
import { linkItem } from './link-store';
import { items, keys, tables, withoutKeys } from './tables';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A personal room's writes: the room, its link, and `personalRoomId` on the client on condition
 * that it has none yet (the last item, whose failure means another request made one first).
 */
export function personalRoomItems({ room, link, linkHash }: NewPersonalRoom): TransactItem[] {
  return [
    {
      Put: {
        TableName: tables.appointments(),
        Item: items.room(room),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tables.guestLinks(),
        Item: linkItem(link, linkHash),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: tables.appointments(),
        Key: keys.client(room.clientId),
        UpdateExpression: 'SET personalRoomId = :r',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(personalRoomId)',
        ExpressionAttributeValues: { ':r': room.id },
      },
    },
  ];
}

/** Rooms under `ROOM#<id>`, listed by gsi1 `ROOMS`; each room's link lives in the links table. */
export const dynamoRoomStore: RoomStore = {
  async get(id) {
    const result = await documents().send(
      new GetCommand({ TableName: tables.appointments(), Key: keys.room(id) }),
    );
    return result.Item ? withoutKeys<Room>(result.Item) : undefined;
  },
  async list() {
    const found = await queryAll({
      TableName: tables.appointments(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': 'ROOMS' },
    });
    return found.map((item) => withoutKeys<Room>(item));
  },
  async create(room, link, hash) {
    await documents().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tables.appointments(),
              Item: items.room(room),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tables.guestLinks(),
              Item: linkItem(link, hash),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  },
  async createPersonal(made) {
    try {
      await documents().send(new TransactWriteCommand({ TransactItems: personalRoomItems(made) }));
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'TransactionCanceledException') return false;
      throw error;
    }
  },
  async setActiveVisit(id, visitId, expected) {
    const condition =
      expected === undefined ? 'attribute_not_exists(activeVisitId)' : 'activeVisitId = :e';
    try {
      await documents().send(
        new UpdateCommand({
          TableName: tables.appointments(),
          Key: keys.room(id),
          UpdateExpression:
            visitId === undefined ? 'REMOVE activeVisitId' : 'SET activeVisitId = :v',
          ConditionExpression: `attribute_exists(pk) AND ${condition}`,
          ExpressionAttributeValues: {
            ...(visitId !== undefined ? { ':v': visitId } : {}),
            ...(expected !== undefined ? { ':e': expected } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  },
  async updateTitle(id, title, now) {
    const result = await documents().send(
      new UpdateCommand({
        TableName: tables.appointments(),
        Key: keys.room(id),
        UpdateExpression: 'SET title = :t, updatedAt = :u, gsi1sk = :s',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':t': title,
          ':u': now,
          ':s': items.room({ id, title }).gsi1sk,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return withoutKeys<Room>(result.Attributes ?? {});
  },
};
