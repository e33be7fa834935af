import { randomInt } from 'node:crypto';

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

/** A uniformly random PIN of `pinDigits` digits (leading zeros kept: it is a string). */
export function newPin(): string {
  // randomInt's range is limited to 2^48; 11 digits fit (10^11 < 2^48).
  return String(randomInt(0, 10 ** pinDigits)).padStart(pinDigits, '0');
}

/** Groups a PIN for reading aloud and typing: 123 4567 8901. */
export function formatPin(pin: string): string {
  return `${pin.slice(0, 3)} ${pin.slice(3, 7)} ${pin.slice(7)}`;
}
