import { describe, expect, it } from 'vitest';
import {
  derivePin,
  formatPin,
  guessChance,
  pinDigits,
  pinHash,
  typedPin,
} from '../../../functions/invitations/pins';

const secret = 'a secret only KMS and the functions know';

describe('dial-in PINs', () => {
  it('are long enough that a random caller matches none in practice: under 1 in 100,000 per call', () => {
    expect(pinDigits).toBe(11);
    expect(guessChance(pinDigits)).toBeLessThan(1 / 100_000);
    expect(guessChance(pinDigits)).toBeCloseTo(3e-6, 12);
    // One digit fewer would miss the goal: the length is the shortest that meets it.
    expect(guessChance(pinDigits - 1)).toBeGreaterThan(1 / 100_000);
  });
  it('are derived: exactly that many digits, leading zeros kept, spread evenly, the same each time', () => {
    const pins = Array.from({ length: 2000 }, (_, i) => derivePin(secret, `invitee-${i}`, 0));
    for (const pin of pins) expect(pin).toMatch(/^\d{11}$/);
    expect(new Set(pins).size).toBe(pins.length);
    expect(new Set(pins.map((p) => p[0])).has('0')).toBe(true);
    expect(derivePin(secret, 'invitee-7', 0)).toBe(pins[7]);
    // A redraw and another secret each give other digits.
    expect(derivePin(secret, 'invitee-7', 1)).not.toBe(pins[7]);
    expect(derivePin('another secret', 'invitee-7', 0)).not.toBe(pins[7]);
  });
  it('are kept only as a keyed hash that shows nothing of the digits', () => {
    const pin = derivePin(secret, 'invitee-1', 0);
    const hash = pinHash(secret, pin);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(pin);
    expect(pinHash(secret, pin)).toBe(hash);
    // Without the secret the digits cannot be tried against a copy of the table.
    expect(pinHash('another secret', pin)).not.toBe(hash);
  });
  it('are read from what a caller typed, or not at all', () => {
    expect(typedPin('01234567890')).toBe('01234567890');
    expect(typedPin('012 3456 7890')).toBe('01234567890');
    expect(typedPin('0123456789')).toBeUndefined();
    expect(typedPin('0123456789a')).toBeUndefined();
    expect(typedPin('')).toBeUndefined();
  });
  it('are grouped for reading aloud', () => {
    expect(formatPin('01234567890')).toBe('012 3456 7890');
  });
});
