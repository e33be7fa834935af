import { DeleteCommand, documents, GetCommand, PutCommand } from '../../platform/aws/dynamodb';
import type { Audience, Connection, ConnectionStore } from '../../realtime/connections';
import { queryAll } from './helpers';
import { tables } from './tables';

const key = (connectionId: string) => ({ pk: `CONN#${connectionId}`, sk: 'CONN' });
const watchKey = (visitId: string, connectionId: string) => ({
  pk: `WATCH#${visitId}`,
  sk: `CONN#${connectionId}`,
});

/**
 * Connections table: `CONN#<id>` (gsi1 `USER#<sub>` or `PARTICIPANT#<id>`: someone's
 * connections), and `WATCH#<visitId>` / `CONN#<id>` for staff pages watching a visit.
 */
export const dynamoConnectionStore: ConnectionStore = {
  async add(connection) {
    const holder = connection.sub
      ? `USER#${connection.sub}`
      : `PARTICIPANT#${connection.participantId}`;
    await documents().send(
      new PutCommand({
        TableName: tables.connections(),
        Item: {
          ...key(connection.connectionId),
          gsi1pk: holder,
          gsi1sk: connection.connectionId,
          ...connection,
        },
      }),
    );
  },
  async remove(connectionId) {
    await documents().send(
      new DeleteCommand({ TableName: tables.connections(), Key: key(connectionId) }),
    );
  },
  async get(connectionId) {
    const result = await documents().send(
      new GetCommand({ TableName: tables.connections(), Key: key(connectionId) }),
    );
    return result.Item as Connection | undefined;
  },
  async listFor(audience: Audience, nowSeconds) {
    // TTL deletion lags: an expired record is a closed connection.
    const live = { FilterExpression: 'expiresAt > :now' };
    const found =
      'watchers' in audience
        ? await queryAll({
            TableName: tables.connections(),
            KeyConditionExpression: 'pk = :p',
            ...live,
            ExpressionAttributeValues: { ':p': `WATCH#${audience.watchers}`, ':now': nowSeconds },
          })
        : await queryAll({
            TableName: tables.connections(),
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :p',
            ...live,
            ExpressionAttributeValues: {
              ':p':
                'user' in audience
                  ? `USER#${audience.user}`
                  : `PARTICIPANT#${audience.participant}`,
              ':now': nowSeconds,
            },
          });
    return found.map((item) => String(item.connectionId));
  },
  async watch(visitId, connectionId, expiresAt) {
    await documents().send(
      new PutCommand({
        TableName: tables.connections(),
        Item: { ...watchKey(visitId, connectionId), connectionId, expiresAt },
      }),
    );
  },
  async unwatch(visitId, connectionId) {
    await documents().send(
      new DeleteCommand({
        TableName: tables.connections(),
        Key: watchKey(visitId, connectionId),
      }),
    );
  },
};
