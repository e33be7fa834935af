import { clock } from '../platform/clock';
import { logger } from '../platform/logger';
import type { DirectPush } from '../visits/ports';
import { dynamoConnectionStore } from './dynamodb/connection-store';
import { managementApiPusher } from './realtime-pusher';

/**
 * Pushes on a request's path over API Gateway's @connections API: each participant's live
 * connections are queried at once (in parallel with the request's own reads), and the message
 * is posted to them when the request has committed. Best effort: a failure is logged and left
 * to the news stream, which sends the same message a moment later; a closed connection is left
 * for the stream's push to forget.
 */
export const directPush: DirectPush = {
  async reach(participantIds) {
    const now = clock.nowSeconds();
    const found = new Map(
      await Promise.all(
        participantIds.map(
          async (id) =>
            [
              id,
              await dynamoConnectionStore.listFor({ participant: id }, now).catch(() => []),
            ] as const,
        ),
      ),
    );
    return async (participantId, message) => {
      await Promise.all(
        (found.get(participantId) ?? []).map((connectionId) =>
          managementApiPusher.post(connectionId, message).catch((error: unknown) => {
            logger.warn('direct push failed', {
              errorName: error instanceof Error ? error.name : typeof error,
            });
          }),
        ),
      );
    };
  },
};
