import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { accessTokenFor, createUser } from '../helpers/auth';
import { localClients } from '../helpers/aws';
import { localCredentials, stack } from '../helpers/local-stack';
import { closed, nextMessage, openSocket } from '../helpers/ws';

const management = () =>
  new ApiGatewayManagementApiClient({
    region: 'us-east-1',
    endpoint: `${stack().url}/ws`,
    credentials: localCredentials,
    maxAttempts: 1,
  });

/** The connection ids the realtime handler recorded for a person. */
async function connectionsOf(sub: string): Promise<string[]> {
  const result = await localClients().documents.send(
    new QueryCommand({
      TableName: stack().tables.TABLE_CONNECTIONS,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': `USER#${sub}` },
    }),
  );
  return (result.Items ?? []).map((i) => String(i.connectionId));
}

describe('the WebSocket API', () => {
  it('refuses $connect without a valid token', async () => {
    await expect(openSocket(stack().wsUrl)).rejects.toMatchObject({ status: 401 });
    await expect(openSocket(`${stack().wsUrl}?token=forged`)).rejects.toMatchObject({
      status: 401,
    });
  });

  it('connects with a token, records the connection and answers $default messages through the management API', async () => {
    // Prepare
    const user = await createUser('staff');
    const socket = await openSocket(`${stack().wsUrl}?token=${await accessTokenFor(user.email)}`);
    // Act
    socket.send(JSON.stringify({ action: 'ping' }));
    const pong = await nextMessage(socket, (m) => m.type === 'pong');
    // Assess
    expect(typeof pong.at).toBe('string');
    expect(await connectionsOf(user.sub)).toHaveLength(1);
    socket.close();
    await closed(socket);
  });

  it('posts to a live connection, describes it, deletes it, and answers 410 Gone once it is closed', async () => {
    // Prepare
    const user = await createUser('provider');
    const socket = await openSocket(`${stack().wsUrl}?token=${await accessTokenFor(user.email)}`);
    const [connectionId] = await connectionsOf(user.sub);
    expect(connectionId).toBeDefined();
    const api = management();
    // Act: post
    const received = nextMessage(socket, (m) => m.hello === 'world');
    await api.send(
      new PostToConnectionCommand({
        ConnectionId: connectionId,
        Data: new TextEncoder().encode(JSON.stringify({ hello: 'world' })),
      }),
    );
    expect(await received).toEqual({ hello: 'world' });
    // Act: describe
    const described = await api.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(described.ConnectedAt).toBeInstanceOf(Date);
    expect(described.Identity?.SourceIp).toBe('127.0.0.1');
    // Act: delete, then post again
    const closing = closed(socket);
    await api.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    await closing;
    const afterClose = api.send(
      new PostToConnectionCommand({
        ConnectionId: connectionId,
        Data: new TextEncoder().encode('{}'),
      }),
    );
    await expect(afterClose).rejects.toBeInstanceOf(GoneException);
    await expect(afterClose).rejects.toMatchObject({ $metadata: { httpStatusCode: 410 } });
    // Assess: $disconnect removed the record.
    await expect.poll(() => connectionsOf(user.sub), { timeout: 5000 }).toEqual([]);
  });

  it('answers 410 Gone for a connection that never existed', async () => {
    await expect(
      management().send(new GetConnectionCommand({ ConnectionId: 'bm90LWEtY29ubmVjdGlvbg=' })),
    ).rejects.toBeInstanceOf(GoneException);
  });
});
