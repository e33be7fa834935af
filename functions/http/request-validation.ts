import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import * as z from 'zod/mini';
import { AppError } from '../platform/errors';
import type { ApiEnv } from './env';
import type { RouteConfig } from './route';

type Target = 'param' | 'query' | 'header' | 'json';

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || 'body';
}

/** zod's problems as 400 `validation.failed`, naming each field once (with its first problem). */
function refusal(issues: readonly z.core.$ZodIssue[]): AppError {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[fieldPath(issue.path)] ??= issue.message;
  const names = Object.keys(fields).join(', ');
  return new AppError('validation.failed', `Please check: ${names}.`, 'invalid', fields);
}

/** Parses one part of the request with its schema; the handler reads the result (`c.req.valid`). */
function validated(target: Target, schema: z.core.$ZodType): MiddlewareHandler<ApiEnv> {
  return validator(target, async (value) => {
    const result = await z.safeParseAsync(schema, value);
    if (!result.success) throw refusal(result.error.issues);
    return result.data;
  }) as MiddlewareHandler<ApiEnv>;
}

/** JSON media types, with parameters (`application/json; charset=utf-8`, `…+json`). */
const jsonMedia = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

async function hasBody(c: Context<ApiEnv>): Promise<boolean> {
  return c.req.raw.body !== null && (await c.req.arrayBuffer()).byteLength > 0;
}

/**
 * A body that is not JSON is refused (415), with or without a content type that says so: the
 * validator would otherwise take it for an empty object.
 */
const jsonBodies: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const type = c.req.header('content-type');
  if (type ? !jsonMedia.test(type) : await hasBody(c))
    throw new HTTPException(415, { message: 'Unsupported Media Type' });
  await next();
};

/**
 * The validators of a route's request, in the order their failures are reported: the query
 * string, the path, the headers, then the body.
 */
export function requestValidators(request: RouteConfig['request']): MiddlewareHandler<ApiEnv>[] {
  const body = request?.body?.content['application/json'].schema;
  return [
    ...(request?.query ? [validated('query', request.query)] : []),
    ...(request?.params ? [validated('param', request.params)] : []),
    ...(request?.headers ? [validated('header', request.headers)] : []),
    ...(body ? [jsonBodies, validated('json', body)] : []),
  ];
}
