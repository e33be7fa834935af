import * as z from 'zod/mini';
import { refuse } from './fields';
import { phoneLibrary } from './phone-numbers';

/**
 * Fields about reaching people and where they are: a phone number (read by libphonenumber,
 * loaded on demand: a schema with a phone number needs zod's asynchronous parse), a date of
 * birth, a time zone (checked by the runtime's own time-zone data).
 */

/** A real calendar date, YYYY-MM-DD (not 2026-02-30). */
export const realDate = (v: string) => {
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === v;
};

/** An IANA zone the runtime knows (the same data the calendar and the browser use). */
const knownZone = (v: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v });
    return v.includes('/') || v === 'UTC';
  } catch {
    return false;
  }
};
/** Any common way of writing a phone number in, E.164 out (+12025550143). */
export const phone = z.pipe(
  z.string().check(z.trim(), z.maxLength(40, 'A phone number can be at most 40 characters')),
  z.transform(async (value: string, ctx) => {
    const { default: parsePhoneNumber } = await phoneLibrary();
    const parsed = parsePhoneNumber(value, { defaultCountry: 'US' });
    if (!parsed?.isValid())
      return refuse(
        ctx,
        'Enter a valid phone number; include the country code if it is not a US number (for example +44 20 7946 0958)',
      );
    return parsed.number;
  }),
);

export const dateOfBirth = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD'),
  z.refine(realDate, 'Not a real date'),
  z.refine(
    (v) => v >= '1900-01-01' && v <= new Date().toISOString().slice(0, 10),
    'The date of birth must be in the past',
  ),
);

export const timeZone = z
  .string()
  .check(
    z.maxLength(64),
    z.refine(knownZone, 'Not a known time zone (for example America/New_York)'),
  );
