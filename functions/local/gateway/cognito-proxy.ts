import type { IncomingMessage, ServerResponse } from 'node:http';
import { type SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { passwordProblems } from '../../../infra/schema/user-pool';

/**
 * The browser's Cognito endpoint in local mode. It forwards to moto and adds two things
 * Cognito does in AWS and moto does not: it enforces the pool's password policy on new
 * passwords, and it emails the forgot-password code (moto only returns it in a header).
 */
export function createCognitoProxy(options: { motoUrl: string; ses: SESClient; mailFrom: string }) {
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
    const code = upstream.headers.get('x-moto-forgot-password-confirmation-code');
    if (
      action === 'ForgotPassword' &&
      upstream.ok &&
      code &&
      typeof request.Username === 'string'
    ) {
      await options.ses.send(
        new SendEmailCommand({
          Source: options.mailFrom,
          Destination: { ToAddresses: [request.Username] },
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
