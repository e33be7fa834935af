import { absolute, loadConfig } from '../config';

/**
 * The few Cognito user-pool calls the browser makes, over its public JSON API. They need no
 * AWS credentials, and a fetch each keeps the SDK out of the page (the guest pages stay small).
 */
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
}

interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
}

async function call<T>(action: string, body: Record<string, unknown>): Promise<T> {
  const config = await loadConfig();
  const response = await fetch(absolute(config.cognitoEndpoint), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  });
  const payload = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const type =
      String(payload.__type ?? 'UnknownError')
        .split('#')
        .pop() ?? 'UnknownError';
    throw new CognitoError(type, String(payload.message ?? payload.Message ?? 'Sign-in failed'));
  }
  return payload as T;
}

function tokensFrom(result: AuthenticationResult, refreshToken?: string): Tokens {
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    refreshToken: result.RefreshToken ?? refreshToken ?? '',
    expiresAt: Date.now() + result.ExpiresIn * 1000,
  };
}

export type SignInResult =
  | { kind: 'signed-in'; tokens: Tokens }
  | { kind: 'new-password'; session: string };

export async function signIn(email: string, password: string): Promise<SignInResult> {
  const { userPoolClientId } = await loadConfig();
  const result = await call<{
    AuthenticationResult?: AuthenticationResult;
    ChallengeName?: string;
    Session?: string;
  }>('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: userPoolClientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });
  if (result.AuthenticationResult)
    return { kind: 'signed-in', tokens: tokensFrom(result.AuthenticationResult) };
  if (result.ChallengeName === 'NEW_PASSWORD_REQUIRED' && result.Session) {
    return { kind: 'new-password', session: result.Session };
  }
  throw new CognitoError(
    'UnsupportedChallenge',
    'This sign-in needs a step the app does not support yet.',
  );
}

export async function completeNewPassword(
  email: string,
  newPassword: string,
  session: string,
): Promise<Tokens> {
  const { userPoolClientId } = await loadConfig();
  const result = await call<{ AuthenticationResult?: AuthenticationResult }>(
    'RespondToAuthChallenge',
    {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: userPoolClientId,
      Session: session,
      ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
    },
  );
  if (!result.AuthenticationResult)
    throw new CognitoError('NoTokens', 'The new password was not accepted.');
  return tokensFrom(result.AuthenticationResult);
}

export async function refresh(refreshToken: string): Promise<Tokens> {
  const { userPoolClientId } = await loadConfig();
  const result = await call<{ AuthenticationResult: AuthenticationResult }>('InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: userPoolClientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  return tokensFrom(result.AuthenticationResult, refreshToken);
}

export async function forgotPassword(email: string): Promise<void> {
  const { userPoolClientId } = await loadConfig();
  await call('ForgotPassword', { ClientId: userPoolClientId, Username: email });
}

export async function confirmForgotPassword(
  email: string,
  code: string,
  password: string,
): Promise<void> {
  const { userPoolClientId } = await loadConfig();
  await call('ConfirmForgotPassword', {
    ClientId: userPoolClientId,
    Username: email,
    ConfirmationCode: code,
    Password: password,
  });
}

/** Ends the session everywhere: Cognito revokes the refresh token. */
export async function globalSignOut(accessToken: string): Promise<void> {
  await call('GlobalSignOut', { AccessToken: accessToken });
}

/** A sentence a person can act on, for each way sign-in can fail. */
export function describeSignInError(error: unknown): string {
  if (!(error instanceof CognitoError))
    return 'We could not reach the sign-in service. Check your connection and try again.';
  switch (error.type) {
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      return 'That email and password do not match. Check them and try again.';
    case 'InvalidPasswordException':
      return error.message.replace(
        /^Password does not conform to policy:\s*/,
        'That password is not strong enough: ',
      );
    case 'PasswordResetRequiredException':
      return 'Your password must be reset. Use "Forgot password?" to get a code by email.';
    case 'CodeMismatchException':
      return 'That code is not right. Check the email and try again.';
    case 'ExpiredCodeException':
      return 'That code has expired. Ask for a new one.';
    case 'LimitExceededException':
    case 'TooManyRequestsException':
      return 'Too many attempts. Wait a few minutes and try again.';
    default:
      return error.message || 'Sign-in failed. Try again.';
  }
}
