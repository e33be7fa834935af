import * as z from 'zod/mini';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().register(z.globalRegistry, { example: 'validation.failed' }),
      message: z.string(),
      fields: z.optional(z.record(z.string(), z.string())),
    }),
  })
  .register(z.globalRegistry, { id: 'Error' });

const errorContent = { 'application/json': { schema: ErrorSchema } };

/**
 * API Gateway's own answer when the JWT authorizer refuses a request: it never reaches a
 * function, so it has the gateway's shape, not ours (HTTP APIs cannot reshape it).
 */
export const GatewayRefusalSchema = z
  .object({ message: z.string().register(z.globalRegistry, { example: 'Unauthorized' }) })
  .register(z.globalRegistry, { id: 'GatewayRefusal' });

/** Every route can answer with these; listing them keeps the API document honest. */
export const errorResponses = {
  400: { description: 'Bad input; nothing was changed', content: errorContent },
  403: { description: 'Not allowed for this person', content: errorContent },
  500: { description: 'Unexpected failure', content: errorContent },
  503: {
    description:
      'A service it depends on is busy or unreachable (service.unavailable); see Retry-After',
    content: errorContent,
  },
} as const;

/** A signed-in route's 401: the gateway's, before any function runs. */
export const signedInRefusal = {
  401: {
    description: 'No valid access token (answered by the gateway, in its own shape)',
    content: { 'application/json': { schema: GatewayRefusalSchema } },
  },
} as const;

/** Routes that read a body also refuse one too large or not JSON. */
export const bodyRefusals = {
  413: { description: 'The body is over 64 KB (request.too_large)', content: errorContent },
  415: {
    description: 'The body is not JSON (request.unsupported_media_type)',
    content: errorContent,
  },
} as const;

export const errorResponse = (description: string) => ({ description, content: errorContent });

/** Query-string dates: ISO 8601 with an offset, so there is never a question of time zone. */
export const IsoDateTime = z.iso
  .datetime({ offset: true })
  .register(z.globalRegistry, { example: '2026-11-23T14:00:00Z' });

export const Id = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not a valid id'))
  .register(z.globalRegistry, { example: '3f0c2a1e-8d5b-4c8e-9a57-0b1f6e2d4c11' });
