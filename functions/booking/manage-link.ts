import { createHmac } from 'node:crypto';
import { tokenHash } from '../links/tokens';

/**
 * The manage link of an online booking: HMAC-SHA256(link secret, appointment id), 256 bits
 * nobody can compute without the secret. Only its SHA-256 is stored (the lookup key), so a
 * copy of the database manages nothing; the link is derived again whenever a message needs it
 * (the confirmation, a reminder), as join links are.
 */
export const manageToken = (secret: string, appointmentId: string) =>
  createHmac('sha256', secret).update(`televisit-manage:${appointmentId}`).digest('base64url');

export const manageLinkHash = (secret: string, appointmentId: string) =>
  tokenHash(manageToken(secret, appointmentId));

export const manageUrl = (appUrl: string, secret: string, appointmentId: string) =>
  `${appUrl.replace(/\/$/, '')}/book/manage/${manageToken(secret, appointmentId)}`;
