import { linkToken, newLinkId, tokenHash } from './tokens';

/** What a join link opens. */
export type LinkTarget =
  /** A room's persistent link: opens whatever visit the room holds at the time. */
  | { kind: 'room'; roomId: string }
  /** An appointment's generated link, held by the client. */
  | { kind: 'appointment'; appointmentId: string }
  /** One invitee's personal link to an appointment. */
  | { kind: 'invitee'; appointmentId: string; inviteeId: string };

export interface LinkRecord {
  linkId: string;
  target: LinkTarget;
  /** Epoch seconds; DynamoDB's TTL removes the item later, readers treat it as gone at once. */
  expiresAt?: number;
  revokedAt?: string;
  createdAt: string;
}

export type LinkStatus =
  | { state: 'active'; link: LinkRecord }
  | { state: 'expired' | 'revoked'; link: LinkRecord }
  | { state: 'unknown' };

/** Whether a link still opens anything at `nowSeconds`. */
export function linkStatus(link: LinkRecord | undefined, nowSeconds: number): LinkStatus {
  if (!link) return { state: 'unknown' };
  if (link.revokedAt) return { state: 'revoked', link };
  if (link.expiresAt !== undefined && link.expiresAt <= nowSeconds)
    return { state: 'expired', link };
  return { state: 'active', link };
}

/** A new link record, its lookup hash, and the token to put in the URL. */
export function makeLink(
  target: LinkTarget,
  secret: string,
  now: string,
  expiresAt?: number,
): { record: LinkRecord; hash: string; token: string } {
  const linkId = newLinkId();
  const token = linkToken(secret, linkId);
  return {
    record: { linkId, target, createdAt: now, ...(expiresAt !== undefined ? { expiresAt } : {}) },
    hash: tokenHash(token),
    token,
  };
}

/** The lookup hash of an existing link, re-derived from its id. */
export function hashOfLink(secret: string, linkId: string): string {
  return tokenHash(linkToken(secret, linkId));
}
