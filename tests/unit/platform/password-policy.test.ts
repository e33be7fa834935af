import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../../../infra/schema/user-pool';

describe('the password policy', () => {
  it('accepts the demo password', () => {
    expect(passwordProblems('Demo-Password-1')).toEqual([]);
  });
  it('lists every rule a password breaks', () => {
    expect(passwordProblems('short')).toEqual([
      'at least 12 characters',
      'an uppercase letter',
      'a digit',
      'a symbol',
    ]);
  });
});
