import { describe, expect, it } from 'vitest';
import { ClientInput } from '../../../functions/scheduling/clients';
import { ContactInput } from '../../../functions/scheduling/contacts';
import { dateOfBirth, phone } from '../../../functions/shared/contact-fields';
import { email, instant } from '../../../functions/shared/fields';

describe('fields', () => {
  it('stores phone numbers in E.164 and explains an invalid one', async () => {
    expect(await phone.parseAsync('(202) 555-0143')).toBe('+12025550143');
    expect(await phone.parseAsync('+44 20 7946 0958')).toBe('+442079460958');
    const bad = await phone.safeParseAsync('12');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/valid phone number/);
  });
  it('validates and lower-cases email addresses', () => {
    expect(email.parse(' Pat@Example.COM ')).toBe('pat@example.com');
    expect(email.safeParse('not-an-email').success).toBe(false);
  });
  it('accepts only real past dates of birth', () => {
    expect(dateOfBirth.safeParse('1986-04-12').success).toBe(true);
    expect(dateOfBirth.safeParse('1986-02-30').success).toBe(false);
    expect(dateOfBirth.safeParse('2999-01-01').success).toBe(false);
    expect(dateOfBirth.safeParse('12/04/1986').success).toBe(false);
  });
  it('normalizes instants to UTC and refuses ones without an offset', () => {
    expect(instant.parse('2026-11-23T10:00:00-05:00')).toBe('2026-11-23T15:00:00.000Z');
    expect(instant.safeParse('2026-11-23T10:00:00').success).toBe(false);
    expect(instant.safeParse('tomorrow').success).toBe(false);
  });
  it('refuses unknown fields and a 20 KB name, naming the field', async () => {
    const result = await ClientInput.safeParseAsync({
      firstName: 'x'.repeat(20_000),
      lastName: 'Y',
      extra: 1,
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.') || i.code);
    expect(paths).toContain('firstName');
  });
  it('needs a way to reach a contact', async () => {
    const result = await ContactInput.safeParseAsync({
      firstName: 'Sam',
      lastName: 'R',
      relationship: 'family',
      clientIds: ['c1a7e0f2-5b1d'],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['email']);
  });
});
