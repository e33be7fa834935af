import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation.failed' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .openapi('Error');

const errorContent = { 'application/json': { schema: ErrorSchema } };

/** Every route can answer with these; listing them keeps the API document honest. */
export const errorResponses = {
  400: { description: 'Bad input; nothing was changed', content: errorContent },
  401: { description: 'Not signed in', content: errorContent },
  403: { description: 'Not allowed for this person', content: errorContent },
  500: { description: 'Unexpected failure', content: errorContent },
} as const;

export const errorResponse = (description: string) => ({ description, content: errorContent });

/** Query-string dates: ISO 8601 with an offset, so there is never a question of time zone. */
export const IsoDateTime = z.iso
  .datetime({ offset: true })
  .openapi({ example: '2026-11-23T14:00:00Z' });

export const Id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not a valid id')
  .openapi({ example: '3f0c2a1e-8d5b-4c8e-9a57-0b1f6e2d4c11' });
