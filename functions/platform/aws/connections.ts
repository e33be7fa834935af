import { env } from '../env';
import { lazyClient } from './lazy';
import { clientOptions } from './options';

/** API Gateway's @connections API of the WebSocket stage, to push to browsers. */
export const connections = lazyClient(
  'connections',
  () => import('./sdk/connections'),
  (sdk) =>
    new sdk.ApiGatewayManagementApiClient(clientOptions('connections', env.wsManagementEndpoint())),
);
