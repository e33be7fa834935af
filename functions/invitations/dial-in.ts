import { phoneLibrary } from '../shared/phone-numbers';

/** The clinic's dial-in number: E.164 for calendars and dialers, and as people read it. */
export interface DialIn {
  number: string;
  /** "+1 202 555 0100", as every message and page writes it. */
  shown: string;
}

/**
 * The dial-in number for a message's facts, `{}` when the clinic has none. Formatting needs
 * libphonenumber, loaded on demand (see shared/phone-numbers.ts), so this is asynchronous and
 * the message builders stay plain functions of their facts.
 */
export async function dialInOf(number: string | undefined): Promise<{ dialIn?: DialIn }> {
  if (!number) return {};
  const { parsePhoneNumber } = await phoneLibrary();
  return { dialIn: { number, shown: parsePhoneNumber(number).formatInternational() } };
}
