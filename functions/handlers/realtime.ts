import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { dynamoConnectionStore } from '../adapters/dynamodb/connection-store';
import { managementApiPusher } from '../adapters/realtime-pusher';
import { clock } from '../platform/clock';
import { logger } from '../platform/logger';
import { connectionLifetimeSeconds } from '../realtime/connections';

type WebSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  requestContext: { authorizer?: { principalId?: string; sub?: string } };
};

const ok: APIGatewayProxyResultV2 = { statusCode: 200 };

/** Lambda entry for the WebSocket API: $connect, $disconnect and $default. */
export async function handler(event: WebSocketEvent): Promise<APIGatewayProxyResultV2> {
  const { routeKey, connectionId } = event.requestContext;
  switch (routeKey) {
    case '$connect': {
      const sub = event.requestContext.authorizer?.sub;
      if (!sub) return { statusCode: 401 };
      await dynamoConnectionStore.add({
        connectionId,
        sub,
        connectedAt: clock.now().toISOString(),
        expiresAt: clock.nowSeconds() + connectionLifetimeSeconds,
      });
      return ok;
    }
    case '$disconnect':
      await dynamoConnectionStore.remove(connectionId);
      return ok;
    default:
      return onMessage(connectionId, event.body);
  }
}

async function onMessage(
  connectionId: string,
  body: string | undefined,
): Promise<APIGatewayProxyResultV2> {
  let action: unknown;
  try {
    action = (JSON.parse(body ?? '{}') as { action?: unknown }).action;
  } catch {
    action = undefined;
  }
  if (action === 'ping') {
    await managementApiPusher.post(connectionId, { type: 'pong', at: clock.now().toISOString() });
    return ok;
  }
  logger.info('unknown websocket action', { connectionId });
  await managementApiPusher.post(connectionId, {
    type: 'error',
    code: 'message.unknown',
    message: 'Unknown action.',
  });
  return ok;
}
