import { describe, expect, it } from 'vitest';
import { ClientSearchInput, parseClientQuery } from '../../../functions/scheduling/client-search';

const query = (text: string) => {
  const parsed = parseClientQuery(text);
  return parsed.ok ? parsed.query : { refused: parsed.message };
};

describe('reading the client search box', () => {
  it('reads an email, matched whole and lower-cased', () => {
    expect(query(' Pat@Demo.TEST ')).toEqual({ field: 'email', value: 'pat@demo.test' });
    expect(query('pat@')).toHaveProperty('refused', expect.stringMatching(/whole address/));
  });

  it('reads a phone number in any common notation as E.164', () => {
    for (const typed of ['(202) 555-0143', '202.555.0143', '+1 202 555 0143', '2025550143']) {
      expect(query(typed)).toEqual({ field: 'phone', value: '+12025550143' });
    }
    expect(query('+44 20 7946 0958')).toEqual({ field: 'phone', value: '+442079460958' });
    expect(query('555-0143')).toHaveProperty('refused', expect.stringMatching(/whole number/));
  });

  it('reads a date of birth as an ISO date, and refuses other orders and unreal dates', () => {
    expect(query('1986-04-12')).toEqual({ field: 'dateOfBirth', value: '1986-04-12' });
    expect(query('1986-4-2')).toEqual({ field: 'dateOfBirth', value: '1986-04-02' });
    expect(query('4/12/1986')).toHaveProperty('refused', expect.stringMatching(/YYYY-MM-DD/));
    expect(query('12.04.1986')).toHaveProperty('refused', expect.stringMatching(/YYYY-MM-DD/));
    expect(query('1986-02-30')).toHaveProperty('refused', expect.stringMatching(/real date/));
  });

  it('reads anything else as the start of a name, in the form the index keeps', () => {
    expect(query('  Quinn   Z ')).toEqual({ field: 'name', prefix: 'quinn z' });
    expect(query("O'Brien-2")).toEqual({ field: 'name', prefix: "o'brien-2" });
    expect(query('')).toEqual({ field: 'name', prefix: '' });
  });

  it('names q in the validation problem, with defaults for the rest', () => {
    expect(ClientSearchInput.parse({ q: 'Call 555' }).q).toEqual({
      field: 'name',
      prefix: 'call 555',
    });
    const refused = ClientSearchInput.safeParse({ q: '555-0143' });
    expect(refused.error?.issues[0]?.path).toEqual(['q']);
    expect(ClientSearchInput.parse({})).toEqual({
      q: { field: 'name', prefix: '' },
      includeArchived: false,
      limit: 50,
    });
    expect(ClientSearchInput.safeParse({ q: 'a', sort: 'x' }).success).toBe(false);
  });
});
