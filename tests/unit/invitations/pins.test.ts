import { describe, expect, it } from 'vitest';
import { formatPin, guessChance, newPin, pinDigits } from '../../../functions/invitations/pins';

describe('dial-in PINs', () => {
  it('are long enough that a random caller matches none in practice: under 1 in 100,000 per call', () => {
    expect(pinDigits).toBe(11);
    expect(guessChance(pinDigits)).toBeLessThan(1 / 100_000);
    expect(guessChance(pinDigits)).toBeCloseTo(3e-6, 12);
    // One digit fewer would miss the goal: the length is the shortest that meets it.
    expect(guessChance(pinDigits - 1)).toBeGreaterThan(1 / 100_000);
  });
  it('are uniformly drawn strings of exactly that many digits, leading zeros kept', () => {
    const pins = Array.from({ length: 2000 }, newPin);
    for (const pin of pins) expect(pin).toMatch(/^\d{11}$/);
    expect(new Set(pins).size).toBe(pins.length);
    const firstDigits = new Set(pins.map((p) => p[0]));
    expect(firstDigits.has('0')).toBe(true);
  });
  it('are grouped for reading aloud', () => {
    expect(formatPin('01234567890')).toBe('012 3456 7890');
  });
});
