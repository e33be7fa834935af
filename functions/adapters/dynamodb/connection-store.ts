import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clients } from '../../platform/clients';
import type { Connection, ConnectionStore } from '../../realtime/connections';
import { tables } from './tables';

const key = (connectionId: string) => ({ pk: `CONN#${connectionId}`, sk: 'CONN' });

/** Connections table: `CONN#<id>`; gsi1 `USER#<sub>` finds a person's connections. */
export const dynamoConnectionStore: ConnectionStore = {
  async add(connection) {
    await clients.documents().send(
      new PutCommand({
        TableName: tables.connections(),
        Item: {
          ...key(connection.connectionId),
          gsi1pk: `USER#${connection.sub}`,
          gsi1sk: connection.connectionId,
          ...connection,
        },
      }),
    );
  },
  async remove(connectionId) {
    await clients
      .documents()
      .send(new DeleteCommand({ TableName: tables.connections(), Key: key(connectionId) }));
  },
  async get(connectionId) {
    const result = await clients
      .documents()
      .send(new GetCommand({ TableName: tables.connections(), Key: key(connectionId) }));
    return result.Item as Connection | undefined;
  },
  async listForUser(sub, nowSeconds) {
    const result = await clients.documents().send(
      new QueryCommand({
        TableName: tables.connections(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        // TTL deletion lags; an expired record is a closed connection.
        FilterExpression: 'expiresAt > :now',
        ExpressionAttributeValues: { ':p': `USER#${sub}`, ':now': nowSeconds },
      }),
    );
    return (result.Items ?? []) as Connection[];
  },
};
