import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Join-link tokens. A token is HMAC-SHA256(link secret, link id): 256 bits no one can compute
 * without the secret. The table stores only SHA-256(token) as the lookup key, never the token,
 * so a copy of the database opens no visit; staff can still copy a link again, because the
 * token is re-derived from the id whenever it is shown.
 */
export function linkToken(secret: string, linkId: string): string {
  return createHmac('sha256', secret).update(`televisit-link:${linkId}`).digest('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Cheap shape check before any lookup: 43 base64url characters. */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function newLinkId(): string {
  return randomBytes(16).toString('base64url');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function joinUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/$/, '')}/join/${token}`;
}
