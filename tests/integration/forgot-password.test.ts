import { afterEach, describe, expect, it } from 'vitest';
import { createUser, demoPassword } from '../helpers/auth';
import { stack } from '../helpers/local-stack';
import { messagesTo } from '../helpers/outbox';

/** Calls Cognito as the web app does: unsigned JSON to the gateway's /_cognito. */
async function cognito(action: string, body: Record<string, unknown>) {
  const response = await fetch(`${stack().url}/_cognito`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const signIn = (email: string, password: string) =>
  cognito('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: stack().userPoolClientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });

/** Asks for a code and reads it from the email, as a person would. */
async function emailedCode(email: string): Promise<string> {
  const asked = await cognito('ForgotPassword', {
    ClientId: stack().userPoolClientId,
    Username: email,
  });
  expect(asked.status).toBe(200);
  const [latest] = await messagesTo(email);
  const code = /verification code is (\S+?)\./.exec(latest?.text ?? '')?.[1];
  if (!code) throw new Error('No code in the email');
  return code;
}

const confirm = (email: string, code: string, password: string) =>
  cognito('ConfirmForgotPassword', {
    ClientId: stack().userPoolClientId,
    Username: email,
    ConfirmationCode: code,
    Password: password,
  });

describe('"Forgot password" by emailed code', () => {
  afterEach(async () => {
    await stack().setClockOffset(0);
  });

  it('emails a six-digit code; a wrong one is refused as Cognito refuses it and changes nothing', async () => {
    // Prepare
    const user = await createUser('staff');
    const code = await emailedCode(user.email);
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === '000000' ? '000001' : '000000';
    // Act
    const refused = await confirm(user.email, wrong, 'Another-Password-2');
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.__type).toBe('CodeMismatchException');
    expect((await signIn(user.email, demoPassword)).status).toBe(200);
    expect((await signIn(user.email, 'Another-Password-2')).status).toBe(400);
  });

  it('the right code sets the new password, once', async () => {
    // Prepare
    const user = await createUser('staff');
    const code = await emailedCode(user.email);
    // Act
    const reset = await confirm(user.email, code, 'Another-Password-2');
    // Assess: the new password signs in, the old one no longer, and the code is used up.
    expect(reset.status).toBe(200);
    const signedIn = await signIn(user.email, 'Another-Password-2');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.AuthenticationResult).toBeDefined();
    expect((await signIn(user.email, demoPassword)).status).toBe(400);
    const again = await confirm(user.email, code, 'Third-Password-33');
    expect(again.body.__type).toBe('ExpiredCodeException');
  });

  it('a code older than an hour is refused as expired, and only the latest code works', async () => {
    const user = await createUser('staff');
    const old = await emailedCode(user.email);
    await stack().setClockOffset(61 * 60_000);
    const expired = await confirm(user.email, old, 'Another-Password-2');
    expect(expired.status).toBe(400);
    expect(expired.body.__type).toBe('ExpiredCodeException');
    expect((await signIn(user.email, demoPassword)).status).toBe(200);
    // A new code replaces it.
    const first = await emailedCode(user.email);
    const latest = await emailedCode(user.email);
    if (first !== latest)
      expect((await confirm(user.email, first, 'Another-Password-2')).body.__type).toBe(
        'CodeMismatchException',
      );
    expect((await confirm(user.email, latest, 'Another-Password-2')).status).toBe(200);
  });
});
