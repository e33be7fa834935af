import { randomInt } from 'node:crypto';

/** Cognito's forgot-password codes work for one hour. */
export const resetCodeLifetimeMs = 60 * 60_000;
/** Wrong tries before a code stops working (Cognito also limits them), so six digits hold. */
const maxWrongTries = 5;

export type ResetCodeCheck = 'ok' | 'mismatch' | 'expired';

/**
 * Forgot-password codes the local Cognito stand-in issues itself: moto's own code is a fixed
 * text and its ConfirmForgotPassword accepts any code, so without these a wrong or old code
 * would work locally and never in AWS. One code per user, the latest one; in memory, like the
 * rest of the local stack.
 */
export function createResetCodes(nowMs: () => number) {
  const codes = new Map<string, { code: string; expiresAt: number; wrongTries: number }>();
  const keyOf = (username: string) => username.trim().toLowerCase();
  return {
    /** A new six-digit code for the user, replacing any earlier one. */
    issue(username: string): string {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      codes.set(keyOf(username), {
        code,
        expiresAt: nowMs() + resetCodeLifetimeMs,
        wrongTries: 0,
      });
      return code;
    },
    /** Whether `code` is the user's current code; a used code is forgotten by `consume`. */
    check(username: string, code: string): ResetCodeCheck {
      const held = codes.get(keyOf(username));
      if (!held || held.expiresAt <= nowMs()) return 'expired';
      if (held.code === code.trim()) return 'ok';
      held.wrongTries += 1;
      if (held.wrongTries >= maxWrongTries) codes.delete(keyOf(username));
      return 'mismatch';
    },
    consume(username: string): void {
      codes.delete(keyOf(username));
    },
  };
}
