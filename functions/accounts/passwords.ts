import { randomBytes } from 'node:crypto';
import { passwordProblems } from '../../infra/schema/user-pool';

/**
 * A temporary password that meets the pool's policy: 16 random base64url characters (96 bits)
 * plus a fixed tail that guarantees an upper-case letter, a lower-case letter, a digit and a symbol.
 */
export function temporaryPassword(): string {
  const password = `${randomBytes(12).toString('base64url')}-Tv7a`;
  if (passwordProblems(password).length > 0)
    throw new Error('Generated password breaks the policy');
  return password;
}
