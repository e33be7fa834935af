import type { StackInfo } from '../tests/helpers/stack-process';

/** The few API calls the benchmark makes, over HTTP like any client. */
export function benchApi(stack: StackInfo) {
  const tokens = new Map<string, string>();
  async function signIn(email: string): Promise<string> {
    const cached = tokens.get(email);
    if (cached) return cached;
    const response = await fetch(`${stack.url}/_cognito`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: stack.userPoolClientId,
        AuthParameters: { USERNAME: email, PASSWORD: 'Demo-Password-1' },
      }),
    });
    const token = ((await response.json()) as { AuthenticationResult: { AccessToken: string } })
      .AuthenticationResult.AccessToken;
    tokens.set(email, token);
    return token;
  }
  async function call<T>(
    email: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${stack.url}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await signIn(email)}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as T };
  }
  return { signIn, call };
}

/**
 * A short video appointment of dr.lee with pat whose join window is open now (the calendar is
 * busy around now after earlier runs: try start times until one is free), with one guest invited.
 */
export async function liveVisitWithGuest(api: ReturnType<typeof benchApi>) {
  const lee = (await api.call<{ sub: string }>('dr.lee@demo.test', 'GET', '/me')).body.sub;
  const pat = 'c1a7e0f2-5b1d-4c8e-9a57-0b1f6e2d4c11';
  const now = Date.now() - (Date.now() % 60_000);
  for (let minutes = 2; minutes >= -60; minutes -= 5) {
    const startsAt = new Date(now + minutes * 60_000).toISOString();
    const endsAt = new Date(now + (minutes + 5) * 60_000).toISOString();
    const booked = await api.call<{ appointments: { id: string }[] }>(
      'frontdesk@demo.test',
      'POST',
      '/appointments',
      { providerId: lee, clientId: pat, startsAt, endsAt, video: true },
    );
    if (booked.status !== 201) {
      if (booked.status !== 409)
        throw new Error(`Booking failed: ${booked.status} ${JSON.stringify(booked.body)}`);
      continue;
    }
    const appointmentId = booked.body.appointments[0]?.id ?? '';
    const email = `bench.${Date.now()}@example.com`;
    const listed = await api.call<{ invitees: { email?: string; link: string }[] }>(
      'frontdesk@demo.test',
      'POST',
      `/appointments/${appointmentId}/invitees`,
      { email },
    );
    const link = listed.body.invitees.find((i) => i.email === email)?.link ?? '';
    return { appointmentId, guestToken: link.split('/join/')[1] ?? '' };
  }
  throw new Error('No free slot near now on dr.lee’s calendar');
}
