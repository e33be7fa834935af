import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { env } from '../env';
import { clientOptions, once, traced } from './options';

/** API Gateway's @connections API of the WebSocket stage, to push to browsers. */
export const connections = once(() => {
  const client = new ApiGatewayManagementApiClient(
    clientOptions('connections', env.wsManagementEndpoint()),
  );
  client.middlewareStack.use(traced('connections'));
  return client;
});
