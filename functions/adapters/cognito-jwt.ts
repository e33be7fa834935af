import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { env, optionalEnv } from '../platform/env';

/**
 * Verifies a Cognito access token the way API Gateway's JWT authorizer does: RS256 signature
 * against the pool's JWKS, issuer, expiry, and `client_id` (access tokens carry no `aud`).
 */
export interface TokenVerifierConfig {
  issuer: string;
  jwksUrl: string;
  clientIds: readonly string[];
  /** API Gateway's JWT authorizer takes ID and access tokens alike; our own code wants access. */
  tokenUse?: 'access' | 'any';
}

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

export function cognitoIssuer(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

export function createTokenVerifier(config: TokenVerifierConfig) {
  const jwks = createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: 30_000 });
  return async function verify(token: string): Promise<JWTPayload> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: config.issuer,
        algorithms: ['RS256'],
        clockTolerance: 0,
      }));
    } catch (error) {
      throw new InvalidTokenError('The token is not valid', { cause: error });
    }
    const clientId = payload.client_id ?? payload.aud;
    const audiences = Array.isArray(clientId) ? clientId : [clientId];
    if (!audiences.some((a) => typeof a === 'string' && config.clientIds.includes(a))) {
      throw new InvalidTokenError('The token was issued to another client');
    }
    if ((config.tokenUse ?? 'access') === 'access' && payload.token_use !== 'access') {
      throw new InvalidTokenError('Not an access token');
    }
    return payload;
  };
}

let defaultVerifier: ReturnType<typeof createTokenVerifier> | undefined;

/** The verifier for this deployment's user pool; JWKS URL overridable for the local stack. */
export function accessTokenVerifier() {
  if (defaultVerifier) return defaultVerifier;
  const issuer = cognitoIssuer(env.region(), env.userPoolId());
  defaultVerifier = createTokenVerifier({
    issuer,
    jwksUrl: optionalEnv('COGNITO_JWKS_URL') ?? `${issuer}/.well-known/jwks.json`,
    clientIds: [env.userPoolClientId()],
  });
  return defaultVerifier;
}
