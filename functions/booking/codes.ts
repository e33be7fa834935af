import { createHmac, randomInt } from 'node:crypto';
import { sameToken } from '../links/tokens';
import { AppError, invalid, tooMany } from '../platform/errors';

/**
 * One-time codes that prove an email address on the public booking page: 6 digits, valid for
 * 10 minutes, 5 wrong tries and the code is gone; at most 5 codes an hour per address. Only
 * keyed hashes are stored (the address's, as the key; the code's, to compare). A right code
 * gives a proof, signed with the link secret and valid for 30 minutes, that the page sends
 * with the booking: the visitor can try another slot without a new code.
 */
export const codeDigits = 6;
export const codeValidMs = 10 * 60_000;
export const codeTries = 5;
export const codesPerHour = 5;
export const proofValidMs = 30 * 60_000;

const keyed = (secret: string, purpose: string, value: string) =>
  createHmac('sha256', secret).update(`televisit-${purpose}:${value}`).digest('base64url');

/** The key an address's code is stored under: its keyed hash, never the address. */
export const emailKey = (secret: string, email: string) => keyed(secret, 'book-email', email);
export const codeHash = (secret: string, email: string, code: string) =>
  keyed(secret, 'book-code', `${email}\n${code}`);

export const newCode = () => String(randomInt(0, 10 ** codeDigits)).padStart(codeDigits, '0');

export interface StoredCode {
  hash: string;
  /** ms since the epoch. */
  expiresAt: number;
  tries: number;
  /** The hash of the code this one replaced, so that code is told apart from a wrong one. */
  replaced?: string;
}

/** Port: the codes (functions/adapters/dynamodb/booking-store.ts). */
export interface CodeStore {
  /**
   * Stores a new code for the key (replacing any), unless the key was sent `codesPerHour`
   * codes in the hour before `now`: then false.
   */
  issue(key: string, code: StoredCode, now: number): Promise<boolean>;
  get(key: string): Promise<StoredCode | undefined>;
  /** One more wrong try of the code with this hash (none when a new code replaced it). */
  fail(key: string, hash: string): Promise<void>;
  /** Uses the code up: false when it was used or replaced meanwhile. */
  consume(key: string, hash: string): Promise<boolean>;
}

const wrongCode = (message: string) =>
  invalid('booking.code_invalid', message, { code: message.replace(/\.$/, '') });

/** Checks a typed code; a wrong one counts, and the fifth wrong one ends the code. */
export async function checkCode(
  secret: string,
  email: string,
  code: string,
  store: CodeStore,
  now: number,
): Promise<void> {
  const key = emailKey(secret, email);
  const stored = await store.get(key);
  if (!stored || stored.expiresAt <= now)
    throw wrongCode('This code has expired. Ask for a new one.');
  if (stored.tries >= codeTries)
    throw wrongCode(`This code no longer works after ${codeTries} wrong tries. Ask for a new one.`);
  const hash = codeHash(secret, email, code);
  // The code of an earlier email (two tabs, or Send again): no wrong try, and it says which.
  if (stored.replaced && sameToken(hash, stored.replaced))
    throw wrongCode('A newer code was sent since this one. Use the code in the newest email.');
  if (!sameToken(hash, stored.hash)) {
    await store.fail(key, stored.hash);
    const left = codeTries - stored.tries - 1;
    throw wrongCode(
      left > 0
        ? `That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.`
        : 'That code is not right, and it no longer works. Ask for a new one.',
    );
  }
  if (!(await store.consume(key, stored.hash)))
    throw wrongCode('This code was used already. Ask for a new one.');
}

export async function issueCode(
  secret: string,
  email: string,
  store: CodeStore,
  now: number,
): Promise<string> {
  const code = newCode();
  const stored = { hash: codeHash(secret, email, code), expiresAt: now + codeValidMs, tries: 0 };
  if (!(await store.issue(emailKey(secret, email), stored, now)))
    throw tooMany(
      'booking.too_many_codes',
      'Too many codes were sent to this address. Please wait an hour, or call the clinic.',
      3600,
    );
  return code;
}

/** A signed, short-lived proof that the visitor owns `email`: `<payload>.<signature>`. */
export function signProof(secret: string, email: string, now: number): string {
  const payload = Buffer.from(JSON.stringify({ e: email, x: now + proofValidMs })).toString(
    'base64url',
  );
  return `${payload}.${keyed(secret, 'book-proof', payload)}`;
}

/** The email a proof was made for; 401 when it is forged, malformed or old. */
export function readProof(secret: string, proof: string, now: number): string {
  const refused = new AppError(
    'booking.unverified',
    'Confirm your email address again: the code has run out.',
    'unauthenticated',
  );
  const [payload = '', signature = ''] = proof.split('.');
  if (!sameToken(signature, keyed(secret, 'book-proof', payload))) throw refused;
  try {
    const { e, x } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      e?: unknown;
      x?: unknown;
    };
    if (typeof e !== 'string' || typeof x !== 'number' || x <= now) throw refused;
    return e;
  } catch {
    throw refused;
  }
}
