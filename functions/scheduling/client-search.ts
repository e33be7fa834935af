import * as z from 'zod/mini';
import { phone, realDate } from '../shared/contact-fields';
import { email, refuse } from '../shared/fields';
import { ClientSchema } from './clients';

/**
 * What one search box means. The shape of the text decides the field, because a name never
 * holds '@' and never consists of digits alone: an address is an email, digits with date
 * separators a date of birth, digits with phone punctuation a phone number, anything else the
 * start of a first or last name. A search that is clearly an email, date or phone but cannot be
 * read as one is refused (400 naming `q`) rather than run as a name search that would silently
 * find nobody and hide the typo.
 */
export type ClientQuery =
  | { field: 'name'; prefix: string }
  | { field: 'email' | 'phone' | 'dateOfBirth'; value: string };

const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const otherDate = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;
const phoneLike = /^\+?[\d\s().-]+$/;

const messages = {
  email: 'To search by email, enter the whole address, like name@example.com',
  date: 'Search a date of birth as YYYY-MM-DD, like 1986-04-12',
  realDate: 'Not a real date: search a date of birth as YYYY-MM-DD, like 1986-04-12',
  phone:
    'To search by phone, enter the whole number, like (202) 555-0143, with the country code if it is not a US number',
};

type Parsed = { ok: true; query: ClientQuery } | { ok: false; message: string };

function dateQuery(text: string): Parsed {
  const [, y, m, d] = isoDate.exec(text) ?? [];
  if (!y || !m || !d) return { ok: false, message: messages.date };
  const value = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (!realDate(value)) return { ok: false, message: messages.realDate };
  return { ok: true, query: { field: 'dateOfBirth', value } };
}

/** Reads a search text; an empty one lists every client (by last name). */
export async function parseClientQuery(raw: string): Promise<Parsed> {
  const text = raw.trim();
  if (text.includes('@')) {
    const parsed = email.safeParse(text);
    return parsed.success
      ? { ok: true, query: { field: 'email', value: parsed.data } }
      : { ok: false, message: messages.email };
  }
  if (isoDate.test(text) || otherDate.test(text)) return dateQuery(text);
  if (phoneLike.test(text) && /\d/.test(text)) {
    const parsed = await z.safeParseAsync(phone, text);
    return parsed.success
      ? { ok: true, query: { field: 'phone', value: parsed.data } }
      : { ok: false, message: messages.phone };
  }
  // Names are stored lower-cased with single spaces ("rivera pat"), so the prefix is too.
  return { ok: true, query: { field: 'name', prefix: text.toLowerCase().replace(/\s+/g, ' ') } };
}

export const ClientSearchInput = z
  .strictObject({
    q: z.pipe(
      z._default(z.string().check(z.maxLength(254, 'q can be at most 254 characters')), ''),
      z.transform(async (value: string, ctx): Promise<ClientQuery> => {
        const parsed = await parseClientQuery(value);
        return parsed.ok ? parsed.query : refuse(ctx, parsed.message);
      }),
    ),
    includeArchived: z._default(z.boolean(), false),
    /** The `cursor` of the previous page, as it was given: opaque. */
    cursor: z.optional(z.string().check(z.maxLength(4096))),
    limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(100)), 50),
  })
  .register(z.globalRegistry, { id: 'ClientSearchInput' });

export type ClientSearchInput = z.infer<typeof ClientSearchInput>;

export const ClientSearchResultSchema = z
  .object({
    clients: z.array(ClientSchema),
    /** Present when there may be more: send it back for the next page. */
    cursor: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'ClientSearchResult' });
