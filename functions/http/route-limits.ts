import { clientAddress, type LimitPolicy } from './limits';

/**
 * The limits of each kind of public route (see limits.ts; figures in ARCHITECTURE.md). Every
 * public route names one; the address's own limits (all public routes together) apply to all.
 */
const param =
  (name: string) =>
  (c: { req: { param(name: string): string | undefined } }): string | undefined =>
    c.req.param(name);

export const routeLimits = {
  /** Health and the API document: 120 a minute per address, counted per instance. */
  platform: { scope: 'platform', check: 'before', inMemory: { perAddress: 120 } },
  /** Looking a join link up: 60 a minute per link. */
  linkLookup: {
    scope: 'link',
    perCredential: 60,
    credential: param('token'),
    check: 'parallel',
  },
  /** Knocking with a link: 60 a minute per link, checked before the knock writes. */
  knock: { scope: 'link', perCredential: 60, credential: param('token'), check: 'handler' },
  /** A participant's own place and join information (a page reads it every few seconds). */
  participantRead: {
    scope: 'participant',
    perCredential: 240,
    credential: (c) => c.req.header('x-participant-token'),
    check: 'parallel',
  },
  participantWrite: {
    scope: 'participant',
    perCredential: 240,
    credential: (c) => c.req.header('x-participant-token'),
    check: 'before',
  },
  /** Portal sign-up links: 20 a minute per link. */
  signupRead: { scope: 'signup', perCredential: 20, credential: param('token'), check: 'parallel' },
  signupWrite: { scope: 'signup', perCredential: 20, credential: param('token'), check: 'before' },
  /** The public booking page and its slots: 60 a minute per address. */
  bookRead: { scope: 'book-read', perCredential: 60, credential: clientAddress, check: 'parallel' },
  /**
   * Asking for a code, checking it, booking: 10 attempts a minute per address (all three
   * together). A code's own limits (5 tries, 5 codes an hour per email) are the booking's.
   */
  bookWrite: { scope: 'book', perCredential: 10, credential: clientAddress, check: 'before' },
  /** The booking itself counts with them, checked before it writes (no round trip of its own). */
  book: { scope: 'book', perCredential: 10, credential: clientAddress, check: 'handler' },
  /** A manage link: 30 reads and 10 changes a minute per link. */
  manageRead: { scope: 'manage', perCredential: 30, credential: param('token'), check: 'parallel' },
  manageWrite: {
    scope: 'manage-write',
    perCredential: 10,
    credential: param('token'),
    check: 'before',
  },
} satisfies Record<string, LimitPolicy>;
