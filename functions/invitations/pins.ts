import { createHmac } from 'node:crypto';

/**
 * Dial-in PINs. The goal: with 100,000 invitations active at once and 3 tries per call, a
 * random caller's chance of matching any PIN must stay below 1 in 100,000 per call:
 *   3 × 100,000 / 10^digits < 1 / 100,000  ⇔  10^digits > 3 × 10^10  ⇔  digits ≥ 11.
 * With 11 digits the chance is 3 × 10^5 / 10^11 = 3 in 1,000,000 per call (0.0003 %).
 */
export const pinDigits = 11;
export const maxActiveInvitations = 100_000;
export const triesPerCall = 3;

/** A random caller's chance, per call, of matching one of `active` PINs in `tries` tries. */
export function guessChance(
  digits: number,
  active = maxActiveInvitations,
  tries = triesPerCall,
): number {
  return (tries * active) / 10 ** digits;
}

/**
 * An invitee's PIN, derived like a link's token from the secret that never leaves KMS and the
 * memory of the functions: HMAC(secret, invitee id, draw). No table holds the digits, yet the
 * invitation list and every message can show them again. `draw` counts the rare redraws made
 * when a PIN was held by another live invitation. 64 bits of the HMAC modulo 10^11: the bias
 * (10^11 / 2^64, about 5 in a billion) changes no figure above.
 */
export function derivePin(secret: string, inviteeId: string, draw: number): string {
  const mac = createHmac('sha256', secret).update(`televisit-pin:${inviteeId}:${draw}`).digest();
  return String(mac.readBigUInt64BE(0) % 10n ** BigInt(pinDigits)).padStart(pinDigits, '0');
}

/**
 * What the table keeps of a PIN: a keyed hash, the lookup key of a caller's digits. Keyed,
 * because 10^11 unkeyed hashes are computed in minutes: a copy of the table must not give the
 * PINs back.
 */
export function pinHash(secret: string, pin: string): string {
  return createHmac('sha256', secret).update(`televisit-pin-hash:${pin}`).digest('hex');
}

/** The digits a caller typed, if they can be a PIN at all (spaces and dashes dropped). */
export function typedPin(digits: string): string | undefined {
  const pin = digits.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${pinDigits}}$`).test(pin) ? pin : undefined;
}

/** Groups a PIN for reading aloud and typing: 123 4567 8901. */
export function formatPin(pin: string): string {
  return `${pin.slice(0, 3)} ${pin.slice(3, 7)} ${pin.slice(7)}`;
}
