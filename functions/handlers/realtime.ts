import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { dynamoConnectionStore } from '../adapters/dynamodb/connection-store';
import { dynamoUserDirectory } from '../adapters/dynamodb/user-directory';
import { dynamoVisitStore } from '../adapters/dynamodb/visit-store';
import { managementApiPusher } from '../adapters/realtime-pusher';
import { clock } from '../platform/clock';
import { logger } from '../platform/logger';
import { connectionLifetimeSeconds } from '../realtime/connections';
import { handleMessage } from '../realtime/messages';
import { afterDisconnect } from '../visits/departure';

type WebSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  requestContext: { authorizer?: { sub?: string; participantId?: string; visitId?: string } };
};

const ok: APIGatewayProxyResultV2 = { statusCode: 200 };
const ports = {
  connections: dynamoConnectionStore,
  pusher: managementApiPusher,
  users: dynamoUserDirectory,
  visits: dynamoVisitStore,
};

/** Lambda entry for the WebSocket API: $connect, $disconnect and $default. */
export async function handler(event: WebSocketEvent): Promise<APIGatewayProxyResultV2> {
  const { routeKey, connectionId } = event.requestContext;
  switch (routeKey) {
    case '$connect': {
      const { sub, participantId, visitId } = event.requestContext.authorizer ?? {};
      if (!sub && !participantId) return { statusCode: 401 };
      await dynamoConnectionStore.add({
        connectionId,
        ...(sub ? { sub } : { participantId, visitId }),
        connectedAt: clock.now().toISOString(),
        expiresAt: clock.nowSeconds() + connectionLifetimeSeconds,
      });
      return ok;
    }
    case '$disconnect': {
      const closed = await dynamoConnectionStore.get(connectionId);
      await dynamoConnectionStore.remove(connectionId);
      const { participantId, visitId } = closed ?? {};
      if (participantId && visitId)
        await afterDisconnect(visitId, participantId, {
          visits: dynamoVisitStore,
          now: clock.now,
          wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          stillConnected: async () =>
            (
              await dynamoConnectionStore.listFor(
                { participant: participantId },
                clock.nowSeconds(),
              )
            ).length > 0,
        });
      return ok;
    }
    default: {
      const reply = await handleMessage(connectionId, event.body, ports, clock.now());
      logger.debug('websocket message', { connectionId });
      if (reply) await managementApiPusher.post(connectionId, reply);
      return ok;
    }
  }
}
