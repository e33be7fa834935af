import { connections } from '../platform/aws/connections';
import type { Pusher } from '../realtime/connections';

/** Pushes through API Gateway's @connections management API. */
export const managementApiPusher: Pusher = {
  async post(connectionId, message) {
    const { client, sdk } = await connections();
    try {
      await client.send(
        new sdk.PostToConnectionCommand({
          ConnectionId: connectionId,
          Data: new TextEncoder().encode(JSON.stringify(message)),
        }),
      );
      return 'sent';
    } catch (error) {
      if (error instanceof sdk.GoneException) return 'gone';
      throw error;
    }
  },
};
