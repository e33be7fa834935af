import * as z from 'zod/mini';
import { htmlEmail, strong } from '../accounts/messages';
import type { Mailer } from '../accounts/ports';
import { email } from '../shared/fields';
import { type CodeStore, checkCode, codeValidMs, issueCode, signProof } from './codes';
import { type PageDeps, requireBookable } from './page';

export interface ProofDeps extends PageDeps {
  codes: CodeStore;
  mailer: Mailer;
  clientFinder: { idsByEmail(email: string): Promise<string[]> };
  linkSecret: () => Promise<string>;
}

export const CodeRequest = z
  .strictObject({
    email,
    /** A field people never see: only a form-filling robot types anything into it. */
    website: z.optional(z.string().check(z.maxLength(200))),
  })
  .register(z.globalRegistry, { id: 'BookingCodeRequest' });

export const CodeCheck = z
  .strictObject({
    email,
    code: z.string().check(z.trim(), z.regex(/^\d{6}$/, 'The code is 6 digits')),
  })
  .register(z.globalRegistry, { id: 'BookingCodeCheck' });

export const ProofSchema = z
  .object({
    proof: z.string(),
    /** Whether the address belongs to a client of the clinic (then no name is asked). */
    knownClient: z.boolean(),
    expiresInSeconds: z.number(),
  })
  .register(z.globalRegistry, { id: 'BookingProof' });

/**
 * Sends a 6-digit code to the address. The message says only the code and the clinic's name:
 * nothing about the provider or the visit. A robot's honeypot answer looks like success and
 * sends nothing.
 */
export async function sendCode(
  providerId: string,
  input: z.infer<typeof CodeRequest>,
  deps: ProofDeps,
): Promise<{ sent: true; expiresInSeconds: number }> {
  const answer = { sent: true as const, expiresInSeconds: codeValidMs / 1000 };
  const [, clinic, secret] = await Promise.all([
    requireBookable(providerId, deps),
    deps.settings.get(),
    deps.linkSecret(),
  ]);
  if (input.website) return answer;
  const code = await issueCode(secret, input.email, deps.codes, deps.now().getTime());
  const minutes = codeValidMs / 60_000;
  await deps.mailer.send({
    to: input.email,
    subject: `${code} is your ${clinic.name} code`,
    text: `Your code is ${code}. Type it on the booking page within ${minutes} minutes.\n\nIf you did not ask for it, you can ignore this email.\n\n${clinic.name}`,
    html: htmlEmail(`Your ${clinic.name} code`, [
      strong(code),
      `Type it on the booking page within ${minutes} minutes.`,
      'If you did not ask for it, you can ignore this email.',
    ]),
  });
  return answer;
}

/** Checks the code; a right one gives the proof the booking is made with. */
export async function verifyCode(
  providerId: string,
  input: z.infer<typeof CodeCheck>,
  deps: ProofDeps,
) {
  const [, secret] = await Promise.all([requireBookable(providerId, deps), deps.linkSecret()]);
  const now = deps.now().getTime();
  await checkCode(secret, input.email, input.code, deps.codes, now);
  const known = await deps.clientFinder.idsByEmail(input.email);
  return {
    proof: signProof(secret, input.email, now),
    knownClient: known.length > 0,
    expiresInSeconds: 30 * 60,
  };
}
