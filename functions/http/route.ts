import type { MiddlewareHandler } from 'hono';
import type * as z from 'zod/mini';
import type { Role } from '../identity/actor';
import { type Access, authorize, publicAccess, rolesAccess } from './access';
import type { ApiEnv } from './env';
import { type LimitPolicy, limitRequests } from './limits';
import { bodyRefusals, errorResponse, errorResponses, signedInRefusal } from './schemas';

/** Name of the OpenAPI extension that carries a route's access, read by CDK and the gateway. */
export const accessExtension = 'x-televisit-access';

/** Name of the OpenAPI extension that carries a public route's limits. */
export const limitsExtension = 'x-televisit-limits';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The named fields of a path, query string or headers. */
type Fields = z.core.$ZodObject;

export interface ResponseConfig {
  description: string;
  content?: Record<string, { schema: z.core.$ZodType }>;
}

/**
 * A route as the code declares it, in the terms of the OpenAPI document: the app validates
 * exactly what the document says (functions/http/openapi-document.ts).
 */
export interface RouteConfig {
  method: Method;
  /** OpenAPI path syntax, `/api/appointments/{id}`. */
  path: string;
  tags?: string[];
  summary?: string;
  description?: string;
  request?: {
    params?: Fields;
    query?: Fields;
    /** Header names in lower case, as a request's headers are read. */
    headers?: Fields;
    body?: { required: true; content: { 'application/json': { schema: z.core.$ZodType } } };
  };
  responses: Record<number, ResponseConfig>;
}

/** A route's JSON answer: `schema`, described. */
export const json = <T extends z.core.$ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A route's JSON request body, which it requires. */
export const body = <T extends z.core.$ZodType>(schema: T) => ({
  required: true as const,
  content: { 'application/json': { schema } },
});

/** What every declared route adds: how it is called, and its one middleware. */
export interface Guarded {
  security: { cognito: string[] }[];
  [accessExtension]: Access;
  [limitsExtension]?: { scope: string; perCredentialPerMinute?: number };
  /** Run time only, not part of the document: the route's limits, then its access. */
  guard: MiddlewareHandler<ApiEnv>;
}

/**
 * A declared route. Its type names the answers its handler gives; the value also lists the
 * refusals every route of its kind can answer (400, 403, 500, 503, ...), for the document.
 */
export type Route<R extends RouteConfig = RouteConfig> = R & Guarded;

function declare<R extends RouteConfig>(access: Access, config: R, limit?: LimitPolicy): Route<R> {
  return {
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
    security: access.kind === 'roles' ? [{ cognito: [] }] : [],
    [accessExtension]: access,
    ...(limit
      ? {
          [limitsExtension]: {
            scope: limit.scope,
            ...(limit.perCredential ? { perCredentialPerMinute: limit.perCredential } : {}),
          },
        }
      : {}),
    guard: guard(access, limit),
  };
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
export function userRoute<R extends RouteConfig>(roles: readonly Role[], config: R) {
  return declare(rolesAccess(roles), config);
}

/**
 * A route without the JWT authorizer (health, API document, guest-link routes): every one has
 * per-client limits (limits.ts), so none can be hammered.
 */
export function publicRoute<R extends RouteConfig>(limit: LimitPolicy, config: R) {
  return declare(publicAccess, config, limit);
}

export function accessOf(route: object): Access {
  const access = (route as Record<string, unknown>)[accessExtension];
  if (!access) throw new Error('Route has no declared access');
  return access as Access;
}
