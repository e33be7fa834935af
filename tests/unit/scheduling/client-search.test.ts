import { describe, expect, it } from 'vitest';
import { ClientSearchInput, parseClientQuery } from '../../../functions/scheduling/client-search';

const query = async (text: string) => {
  const parsed = await parseClientQuery(text);
  return parsed.ok ? parsed.query : { refused: parsed.message };
};

describe('reading the client search box', () => {
  it('reads an email, matched whole and lower-cased', async () => {
    expect(await query(' Pat@Demo.TEST ')).toEqual({ field: 'email', value: 'pat@demo.test' });
    expect(await query('pat@')).toHaveProperty('refused', expect.stringMatching(/whole address/));
  });

  it('reads a phone number in any common notation as E.164', async () => {
    for (const typed of ['(202) 555-0143', '202.555.0143', '+1 202 555 0143', '2025550143']) {
      expect(await query(typed)).toEqual({ field: 'phone', value: '+12025550143' });
    }
    expect(await query('+44 20 7946 0958')).toEqual({ field: 'phone', value: '+442079460958' });
    expect(await query('555-0143')).toHaveProperty(
      'refused',
      expect.stringMatching(/whole number/),
    );
  });

  it('reads a date of birth as an ISO date, and refuses other orders and unreal dates', async () => {
    expect(await query('1986-04-12')).toEqual({ field: 'dateOfBirth', value: '1986-04-12' });
    expect(await query('1986-4-2')).toEqual({ field: 'dateOfBirth', value: '1986-04-02' });
    expect(await query('4/12/1986')).toHaveProperty('refused', expect.stringMatching(/YYYY-MM-DD/));
    expect(await query('12.04.1986')).toHaveProperty(
      'refused',
      expect.stringMatching(/YYYY-MM-DD/),
    );
    expect(await query('1986-02-30')).toHaveProperty('refused', expect.stringMatching(/real date/));
  });

  it('reads anything else as the start of a name, in the form the index keeps', async () => {
    expect(await query('  Quinn   Z ')).toEqual({ field: 'name', prefix: 'quinn z' });
    expect(await query("O'Brien-2")).toEqual({ field: 'name', prefix: "o'brien-2" });
    expect(await query('')).toEqual({ field: 'name', prefix: '' });
  });

  it('names q in the validation problem, with defaults for the rest', async () => {
    expect((await ClientSearchInput.parseAsync({ q: 'Call 555' })).q).toEqual({
      field: 'name',
      prefix: 'call 555',
    });
    const refused = await ClientSearchInput.safeParseAsync({ q: '555-0143' });
    expect(refused.error?.issues[0]?.path).toEqual(['q']);
    expect(await ClientSearchInput.parseAsync({})).toEqual({
      q: { field: 'name', prefix: '' },
      includeArchived: false,
      limit: 50,
    });
    expect((await ClientSearchInput.safeParseAsync({ q: 'a', sort: 'x' })).success).toBe(false);
  });
});
