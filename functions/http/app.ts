import { type Context, Hono, type MiddlewareHandler, type TypedResponse } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { StatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import type * as z from 'zod/mini';
import { cacheControl } from '../../infra/schema/web-headers';
import type { ApiEnv } from './env';
import { errorBody, mapError } from './error-mapper';
import { usePlainMessages } from './plain-messages';
import { requestValidators } from './request-validation';
import type { Route } from './route';

/** Largest request body any route accepts; above it nothing is parsed. */
export const maxBodyBytes = 64 * 1024;

type Schema = z.core.$ZodType;

/** What `c.req.valid(…)` gives a route's handler: each declared part, as its schema outputs it. */
type Validated<R> = (R extends { request: { params: infer S extends Schema } }
  ? { param: z.output<S> }
  : object) &
  (R extends { request: { query: infer S extends Schema } } ? { query: z.output<S> } : object) &
  (R extends { request: { headers: infer S extends Schema } } ? { header: z.output<S> } : object) &
  (R extends {
    request: { body: { content: { 'application/json': { schema: infer S extends Schema } } } };
  }
    ? { json: z.output<S> }
    : object);

/** The answers a route declares: JSON of its schema with its status, or any other response. */
type Answer<R extends Route> = {
  [S in keyof R['responses'] & StatusCode]: R['responses'][S] extends {
    content: { 'application/json': { schema: infer T extends Schema } };
  }
    ? TypedResponse<JSONParsed<z.output<T>>, S, 'json'>
    : Response;
}[keyof R['responses'] & StatusCode];

export type RouteHandler<R extends Route> = (
  c: Context<ApiEnv, string, { out: Validated<R> }>,
) => Answer<R> | Promise<Answer<R>>;

/** A Hono app that serves declared routes (functions/http/route.ts). */
export class ApiApp extends Hono<ApiEnv> {
  /** Serves `route`: its guard (limits, access), then its request's validation, then `handler`. */
  serve<R extends Route>(route: R, handler: RouteHandler<R>): this {
    const path = route.path.replaceAll(/\{([^}]+)\}/g, ':$1');
    const handlers = [route.guard, ...requestValidators(route.request), handler];
    this.on(route.method, path, ...(handlers as [MiddlewareHandler<ApiEnv>]));
    return this;
  }
}

/**
 * A Hono app for one bounded context, with the project's validation and error conventions:
 * zod problems become 400 `validation.failed` naming each field; everything thrown goes
 * through the one error mapper.
 */
export function createApp(): ApiApp {
  usePlainMessages();
  const app = new ApiApp();
  // Answers carry names, times and other PHI: never stored, even when the API is called
  // directly rather than through CloudFront (whose policy says the same).
  app.use(async (c, next) => {
    await next();
    c.header('Cache-Control', cacheControl.api);
  });
  app.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => c.json(errorBody('request.too_large', 'The request is too large.'), 413),
    }),
  );
  app.onError(mapError);
  app.notFound((c) =>
    c.json(errorBody('route.not_found', 'There is nothing at this address.'), 404),
  );
  return app;
}
