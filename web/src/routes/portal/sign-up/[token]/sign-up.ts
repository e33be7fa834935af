import { passwordRules } from '$lib/auth/password-rules';
import { publicApi } from '$lib/public/public-api';

/** Where a client's portal sign-up stands; every answer of the API is a page to read. */
export type SignUpView =
  | { kind: 'loading' }
  | { kind: 'choose'; email: string }
  | { kind: 'ready'; email: string }
  | { kind: 'expired'; message: string }
  | { kind: 'renewed'; message: string }
  | { kind: 'closed'; title: string; message: string; signIn?: boolean }
  | { kind: 'unreachable'; message: string };

const path = (token: string) => `/portal/sign-up/${encodeURIComponent(token)}`;

/** Every rule of the user pool's policy, in its own words ("at least 12 characters", …). */
const allRules = passwordRules('');

/** The pool's rules as a checklist, so people see what is left before they submit. */
export function passwordChecklist(password: string): { rule: string; met: boolean }[] {
  const missing = new Set(passwordRules(password));
  return allRules.map((rule) => ({
    rule: rule.charAt(0).toUpperCase() + rule.slice(1),
    met: !missing.has(rule),
  }));
}

export async function describeSignUp(token: string): Promise<SignUpView> {
  const answer = await publicApi<{ email: string }>(path(token));
  if (answer.ok) return { kind: 'choose', email: answer.body.email };
  if (answer.code === 'signup.expired') return { kind: 'expired', message: answer.message };
  if (answer.status === 404)
    return { kind: 'closed', title: 'This sign-up link is not valid', message: answer.message };
  return { kind: 'unreachable', message: answer.message };
}

/**
 * Creates the account. A refused password stays on the form (`problem`); a link used or an
 * account made meanwhile (a double submit, another tab) leads to signing in instead.
 */
export async function completeSignUp(
  token: string,
  password: string,
): Promise<{ view: SignUpView } | { problem: string }> {
  const answer = await publicApi<{ email: string }>(path(token), {
    method: 'POST',
    body: { password },
  });
  if (answer.ok) return { view: { kind: 'ready', email: answer.body.email } };
  if (answer.code === 'signup.expired')
    return { view: { kind: 'expired', message: answer.message } };
  if (answer.status === 409 || answer.code === 'signup.used')
    return {
      view: { kind: 'closed', title: 'You have an account', message: answer.message, signIn: true },
    };
  if (answer.status === 404)
    return {
      view: { kind: 'closed', title: 'This sign-up link is not valid', message: answer.message },
    };
  return { problem: answer.message };
}

/** An expired link asks for a fresh one, sent to the address the clinic has on file. */
export async function renewSignUp(token: string): Promise<SignUpView> {
  const answer = await publicApi<{ sent: boolean }>(`${path(token)}/renew`, { method: 'POST' });
  if (answer.ok)
    return {
      kind: 'renewed',
      message: 'A new sign-up link is on its way to the email address the clinic has for you.',
    };
  if (answer.code === 'signup.renewed') return { kind: 'renewed', message: answer.message };
  if (answer.status === 404 || answer.status === 409)
    return {
      kind: 'closed',
      title: 'No new link was sent',
      message: answer.message,
      signIn: answer.code === 'client.has_account',
    };
  return { kind: 'unreachable', message: answer.message };
}
