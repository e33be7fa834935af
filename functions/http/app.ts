import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../platform/errors';
import type { ApiEnv } from './env';
import { errorBody, mapError } from './error-mapper';
import { usePlainMessages } from './plain-messages';

/** Largest request body any route accepts; above it nothing is parsed. */
export const maxBodyBytes = 64 * 1024;

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || 'body';
}

/**
 * A Hono app for one bounded context, with the project's validation and error conventions:
 * zod problems become 400 `validation.failed` naming each field; everything thrown goes
 * through the one error mapper.
 */
export function createApp(): OpenAPIHono<ApiEnv> {
  usePlainMessages();
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const fields: Record<string, string> = {};
      for (const issue of result.error.issues) {
        const key = fieldPath(issue.path);
        fields[key] ??= issue.message;
      }
      const names = Object.keys(fields).join(', ');
      throw new AppError('validation.failed', `Please check: ${names}.`, 'invalid', fields);
    },
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
