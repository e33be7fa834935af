import * as z from 'zod/mini';

/**
 * Field schemas shared by every context (phone numbers, dates of birth and time zones, which
 * need libphonenumber and luxon, are in contact-fields.ts, so functions without them stay small). Messages are written for the person filling in the
 * form: the API returns them per field, and the web app shows them beside the input.
 */
export const personName = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .check(
      z.trim(),
      z.minLength(1, `${label} is required`),
      z.maxLength(100, `${label} can be at most 100 characters`),
    );

export const email = z.pipe(
  z.pipe(
    z.string().check(z.trim(), z.maxLength(254, 'An email address can be at most 254 characters')),
    z.email('Enter a valid email address, like name@example.com'),
  ),
  z.transform((v) => v.toLowerCase()),
);

/** An instant with an explicit offset, normalized to UTC (…Z). */
export const instant = z.pipe(
  z.iso.datetime({
    offset: true,
    error: 'Use an ISO 8601 date and time with an offset, like 2026-11-23T14:00:00Z',
  }),
  z.transform((v) => new Date(v).toISOString()),
);

export const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not a valid id'));

export const shortText = (label: string, max: number) =>
  z.string().check(z.trim(), z.maxLength(max, `${label} can be at most ${max} characters`));

/**
 * Refuses a value inside a transform, with `message` for the field (zod/mini's transform gets
 * the parse payload, which has no addIssue). Returns zod's NEVER, as the transform's result.
 */
export function refuse(ctx: z.core.ParsePayload, message: string): never {
  ctx.issues.push({ code: 'custom', message, input: ctx.value });
  return z.NEVER;
}

/**
 * An optional field in an edit: an empty string clears it; anything else must pass `schema`,
 * whose own message is kept (a union with '' would report only "Invalid input").
 */
export const clearable = <T extends z.ZodMiniType<string, string>>(schema: T) =>
  z.pipe(
    z.string(),
    z.transform(async (value: string, ctx): Promise<string> => {
      if (value.trim() === '') return '';
      const result = await z.safeParseAsync(schema, value);
      if (result.success) return result.data;
      for (const issue of result.error.issues)
        ctx.issues.push({ code: 'custom', message: issue.message, input: value });
      return z.NEVER;
    }),
  );
