import { clock } from '../platform/clock';
import { type Audience, pushTo } from '../realtime/connections';
import type { Notifier } from '../visits/ports';
import { dynamoConnectionStore } from './dynamodb/connection-store';
import { managementApiPusher } from './realtime-pusher';

const ports = { connections: dynamoConnectionStore, pusher: managementApiPusher };
const push = async (audience: Audience, message: unknown) => {
  await pushTo(audience, message, ports, clock.nowSeconds());
};

/** Visit news over API Gateway's WebSocket management API. */
export const realtimeNotifier: Notifier = {
  toUser: (sub, message) => push({ user: sub }, message),
  toParticipant: (participantId, message) => push({ participant: participantId }, message),
  toWatchers: (visitId, message) => push({ watchers: visitId }, message),
};
