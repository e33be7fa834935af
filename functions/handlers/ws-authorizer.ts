import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { accessTokenVerifier } from '../adapters/cognito-jwt';
import { dynamoParticipantTokens } from '../adapters/dynamodb/participant-tokens';
import { tokenHash } from '../links/tokens';
import { clock } from '../platform/clock';
import { logger } from '../platform/logger';

/** Who is connecting: a signed-in person (Cognito access token) or a visit participant. */
async function holder(query: Record<string, string | undefined>): Promise<Record<string, string>> {
  if (query.token) {
    const claims = await accessTokenVerifier()(query.token);
    return { sub: String(claims.sub) };
  }
  if (query.participant) {
    const found = await dynamoParticipantTokens.get(tokenHash(query.participant));
    if (found && found.expiresAt > clock.nowSeconds())
      return { participantId: found.participantId, visitId: found.visitId };
  }
  throw new Error('No valid credential');
}

/**
 * Lambda REQUEST authorizer on the WebSocket API's $connect. Browsers cannot set headers on a
 * WebSocket, so the credential comes in the query (over TLS): `token` (a person's Cognito access
 * token) or `participant` (a guest's participant token, checked against its stored hash).
 */
export async function handler(
  event: APIGatewayRequestAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult> {
  try {
    const context = await holder(event.queryStringParameters ?? {});
    return {
      principalId: context.sub ?? `participant:${context.participantId}`,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
      },
      context,
    };
  } catch (error) {
    logger.info('websocket connect refused', {
      reason: error instanceof Error ? error.name : 'unknown',
    });
    // API Gateway answers 401 when an authorizer throws exactly this message.
    throw new Error('Unauthorized');
  }
}
