import type { IncomingMessage, ServerResponse } from 'node:http';
import { type SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { passwordProblems } from '../../../infra/schema/user-pool';
import { clock } from '../../platform/clock';
import { createResetCodes } from './reset-codes';

/** Cognito's answers to a wrong or expired forgot-password code (the web app words each). */
const codeRefusals = {
  mismatch: {
    __type: 'CodeMismatchException',
    message: 'Invalid verification code provided, please try again.',
  },
  expired: {
    __type: 'ExpiredCodeException',
    message: 'Invalid code provided, please request a code again.',
  },
};

/**
 * The browser's Cognito endpoint in local mode. It forwards to moto and adds what Cognito does
 * in AWS and moto does not: it enforces the pool's password policy on new passwords, and it
 * issues, emails and checks the forgot-password code itself (moto returns a fixed text in a
 * header and accepts any code), so a wrong or expired code is refused as Cognito refuses it.
 */
export function createCognitoProxy(options: { motoUrl: string; ses: SESClient; mailFrom: string }) {
  const resetCodes = createResetCodes(clock.nowMs);
  return async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
  ): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    const action = target.split('.').pop() ?? '';
    let request: Record<string, unknown> = {};
    try {
      request = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return reply(res, 400, {
        __type: 'InvalidParameterException',
        message: 'Malformed request body',
      });
    }
    const newPassword = newPasswordOf(action, request);
    if (newPassword !== undefined) {
      const problems = passwordProblems(newPassword);
      if (problems.length > 0) {
        return reply(res, 400, {
          __type: 'InvalidPasswordException',
          message: `Password does not conform to policy: it needs ${problems.join(', ')}.`,
        });
      }
    }
    const username = typeof request.Username === 'string' ? request.Username : '';
    if (action === 'ConfirmForgotPassword') {
      const check = resetCodes.check(username, String(request.ConfirmationCode ?? ''));
      if (check !== 'ok') return reply(res, 400, codeRefusals[check]);
    }
    const upstream = await fetch(options.motoUrl, {
      method: 'POST',
      headers: {
        'content-type': String(req.headers['content-type'] ?? 'application/x-amz-json-1.1'),
        'x-amz-target': target,
        // moto routes by the signing service; unsigned browser calls need it named.
        authorization:
          'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=local',
      },
      body: new Uint8Array(body),
    });
    const text = await upstream.text();
    // moto names its code only for an account that exists; ours replaces it.
    const known = upstream.headers.get('x-moto-forgot-password-confirmation-code');
    if (action === 'ForgotPassword' && upstream.ok && known && username) {
      const code = resetCodes.issue(username);
      await options.ses.send(
        new SendEmailCommand({
          Source: options.mailFrom,
          Destination: { ToAddresses: [username] },
          Message: {
            Subject: { Data: 'Your verification code' },
            Body: {
              Text: {
                Data: `Your verification code is ${code}. It resets your Televisit password.`,
              },
            },
          },
        }),
      );
    }
    if (action === 'ConfirmForgotPassword' && upstream.ok) resetCodes.consume(username);
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/x-amz-json-1.1',
    });
    res.end(text);
  };
}

function newPasswordOf(action: string, request: Record<string, unknown>): string | undefined {
  if (action === 'RespondToAuthChallenge') {
    const responses = request.ChallengeResponses as Record<string, unknown> | undefined;
    return typeof responses?.NEW_PASSWORD === 'string' ? responses.NEW_PASSWORD : undefined;
  }
  if (action === 'ConfirmForgotPassword' && typeof request.Password === 'string')
    return request.Password;
  if (action === 'ChangePassword' && typeof request.ProposedPassword === 'string')
    return request.ProposedPassword;
  return undefined;
}

function reply(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  res.end(JSON.stringify(body));
}
