import { z } from 'zod';

/**
 * Field schemas shared by every context (phone numbers, dates of birth and time zones, which
 * need libphonenumber and luxon, are in contact-fields.ts, so functions without them stay small). Messages are written for the person filling in the
 * form: the API returns them per field, and the web app shows them beside the input.
 */
export const personName = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(100, `${label} can be at most 100 characters`);

export const email = z
  .string()
  .trim()
  .max(254, 'An email address can be at most 254 characters')
  .pipe(z.email('Enter a valid email address, like name@example.com'))
  .transform((v) => v.toLowerCase());

/** An instant with an explicit offset, normalized to UTC (…Z). */
export const instant = z.iso
  .datetime({
    offset: true,
    error: 'Use an ISO 8601 date and time with an offset, like 2026-11-23T14:00:00Z',
  })
  .transform((v) => new Date(v).toISOString());

export const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not a valid id');

export const shortText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} can be at most ${max} characters`);

/**
 * An optional field in an edit: an empty string clears it; anything else must pass `schema`,
 * whose own message is kept (a union with '' would report only "Invalid input").
 */
export const clearable = <T extends z.ZodType<string, string>>(schema: T) =>
  z.string().transform((value, ctx): string => {
    if (value.trim() === '') return '';
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  });
