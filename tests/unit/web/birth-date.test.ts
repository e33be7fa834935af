import { describe, expect, it } from 'vitest';
import { formatBirthDate, typedBirthDate } from '../../../web/src/lib/clients/birth-date';

describe('dates of birth in the web app', () => {
  it('shows them in the viewer’s numeric order, never shifted by a time zone', () => {
    expect(formatBirthDate('1986-04-12', 'en-US')).toBe('4/12/1986');
    expect(formatBirthDate('1986-04-12', 'en-GB')).toBe('12/04/1986');
    expect(formatBirthDate('1986-01-01', 'en-US')).toBe('1/1/1986');
  });

  it('reads a date typed that way as YYYY-MM-DD, and leaves anything else as typed', () => {
    expect(typedBirthDate('4/12/1986', 'en-US')).toBe('1986-04-12');
    expect(typedBirthDate('04-12-1986', 'en-US')).toBe('1986-04-12');
    expect(typedBirthDate('12/04/1986', 'en-GB')).toBe('1986-04-12');
    expect(typedBirthDate('12.4.1986', 'de-DE')).toBe('1986-04-12');
    expect(typedBirthDate('1986/4/12', 'ja-JP')).toBe('1986-04-12');
    expect(typedBirthDate('1986-04-12', 'en-US')).toBeUndefined();
    expect(typedBirthDate('4/12/86', 'en-US')).toBeUndefined();
    expect(typedBirthDate('202-555-0143', 'en-US')).toBeUndefined();
    expect(typedBirthDate('Rivera', 'en-US')).toBeUndefined();
  });
});
