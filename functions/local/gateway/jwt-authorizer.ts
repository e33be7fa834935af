import type { JWTPayload } from 'jose';
import { createTokenVerifier, InvalidTokenError } from '../../adapters/cognito-jwt';

/**
 * API Gateway's JWT authorizer, as the HTTP API applies it: the token comes from the
 * Authorization header (with or without "Bearer "), and the claims reach the Lambda with every
 * value as a string (arrays as "[a b]"), which is how API Gateway renders them.
 */
export function createJwtAuthorizer(config: Parameters<typeof createTokenVerifier>[0]) {
  const verify = createTokenVerifier(config);
  return async function authorize(
    authorization: string | undefined,
  ): Promise<{ claims: Record<string, string>; scopes: string[] | null } | undefined> {
    if (!authorization) return undefined;
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    if (!token) return undefined;
    try {
      const payload = await verify(token);
      return { claims: renderClaims(payload), scopes: scopesOf(payload) };
    } catch (error) {
      if (error instanceof InvalidTokenError) return undefined;
      throw error;
    }
  };
}

function renderClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    claims[name] = Array.isArray(value) ? `[${value.join(' ')}]` : String(value);
  }
  return claims;
}

function scopesOf(payload: JWTPayload): string[] | null {
  return typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : null;
}
