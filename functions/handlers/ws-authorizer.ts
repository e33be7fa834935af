import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { accessTokenVerifier } from '../adapters/cognito-jwt';
import { logger } from '../platform/logger';

/**
 * Lambda REQUEST authorizer on the WebSocket API's $connect. Browsers cannot set headers on a
 * WebSocket, so the access token comes as the `token` query parameter (over TLS). The person's
 * `sub` is passed on as context; the realtime handler reads their role from their profile.
 */
export async function handler(
  event: APIGatewayRequestAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult> {
  const token = event.queryStringParameters?.token;
  if (!token) throw new Error('Unauthorized');
  try {
    const claims = await accessTokenVerifier()(token);
    const sub = String(claims.sub);
    return {
      principalId: sub,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
      },
      context: { sub },
    };
  } catch (error) {
    logger.info('websocket connect refused', {
      reason: error instanceof Error ? error.name : 'unknown',
    });
    // API Gateway answers 401 when an authorizer throws exactly this message.
    throw new Error('Unauthorized');
  }
}
