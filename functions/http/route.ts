import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../identity/actor';
import { type Access, authorize, publicAccess, rolesAccess } from './access';
import type { ApiEnv } from './env';
import { type LimitPolicy, limitRequests } from './limits';
import { bodyRefusals, errorResponse, errorResponses, signedInRefusal } from './schemas';

/** Name of the OpenAPI extension that carries a route's access, read by CDK and the gateway. */
export const accessExtension = 'x-televisit-access';

type RouteInput = Omit<RouteConfig, 'middleware' | 'security'>;

/** Name of the OpenAPI extension that carries a public route's limits. */
export const limitsExtension = 'x-televisit-limits';

function declare<R extends RouteInput>(access: Access, config: R, limit?: LimitPolicy) {
  return createRoute({
    ...config,
    responses: {
      ...errorResponses,
      ...(access.kind === 'roles' ? signedInRefusal : {}),
      ...(config.request?.body ? bodyRefusals : {}),
      ...(limit
        ? { 429: errorResponse('Too many requests (limit.reached); see Retry-After') }
        : {}),
      ...config.responses,
    },
    ...(access.kind === 'roles' ? { security: [{ cognito: [] }] } : { security: [] }),
    [accessExtension]: access,
    ...(limit
      ? {
          [limitsExtension]: {
            scope: limit.scope,
            ...(limit.perCredential ? { perCredentialPerMinute: limit.perCredential } : {}),
          },
        }
      : {}),
    middleware: [guard(access, limit)] as const,
  });
}

/** A route's one middleware: its limits (public routes), then its access. */
function guard(access: Access, limit?: LimitPolicy): MiddlewareHandler<ApiEnv> {
  const allowed = authorize(access);
  if (!limit) return allowed;
  const limited = limitRequests(limit);
  return (c, next) =>
    limited(c, async () => {
      await allowed(c, next);
    });
}

/** A route for signed-in people whose current role is one of `roles`. */
export function userRoute<R extends RouteInput>(roles: readonly Role[], config: R) {
  return declare(rolesAccess(roles), config);
}

/**
 * A route without the JWT authorizer (health, API document, guest-link routes): every one has
 * per-client limits (limits.ts), so none can be hammered.
 */
export function publicRoute<R extends RouteInput>(limit: LimitPolicy, config: R) {
  return declare(publicAccess, config, limit);
}

export function accessOf(route: object): Access {
  const access = (route as Record<string, unknown>)[accessExtension];
  if (!access) throw new Error('Route has no declared access');
  return access as Access;
}
