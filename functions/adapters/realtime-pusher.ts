import { GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { connections } from '../platform/aws/connections';
import type { Pusher } from '../realtime/connections';

/** Pushes through API Gateway's @connections management API. */
export const managementApiPusher: Pusher = {
  async post(connectionId, message) {
    try {
      await connections().send(
        new PostToConnectionCommand({
          ConnectionId: connectionId,
          Data: new TextEncoder().encode(JSON.stringify(message)),
        }),
      );
      return 'sent';
    } catch (error) {
      if (error instanceof GoneException) return 'gone';
      throw error;
    }
  },
};
