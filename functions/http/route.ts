import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Role } from '../identity/actor';
import { type Access, authorize, publicAccess, rolesAccess } from './access';
import { errorResponses } from './schemas';

/** Name of the OpenAPI extension that carries a route's access, read by CDK and the gateway. */
export const accessExtension = 'x-televisit-access';

type RouteInput = Omit<RouteConfig, 'middleware' | 'security'>;

function declare<R extends RouteInput>(access: Access, config: R) {
  return createRoute({
    ...config,
    responses: { ...errorResponses, ...config.responses },
    ...(access.kind === 'roles' ? { security: [{ cognito: [] }] } : { security: [] }),
    [accessExtension]: access,
    middleware: [authorize(access)] as const,
  });
}

/** A route for signed-in people whose current role is one of `roles`. */
export function userRoute<R extends RouteInput>(roles: readonly Role[], config: R) {
  return declare(rolesAccess(roles), config);
}

/** A route without the JWT authorizer (health, API document, guest-link routes). */
export function publicRoute<R extends RouteInput>(config: R) {
  return declare(publicAccess, config);
}

export function accessOf(route: object): Access {
  const access = (route as Record<string, unknown>)[accessExtension];
  if (!access) throw new Error('Route has no declared access');
  return access as Access;
}
