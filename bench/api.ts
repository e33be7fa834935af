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
 * Start and end times of 5-minute appointments (the shortest there is) whose join window is open now (it opens 15 minutes
 * before the start and closes 30 after the end, by the demo clinic's settings), nearest first.
 * The calendar fills up around now as runs go on; each caller books the first that is free.
 */
export function* openSlots(): Generator<{ startsAt: string; endsAt: string }> {
  // On a grid of five minutes, so slots found a minute apart still do not overlap.
  const now = Date.now() - (Date.now() % 300_000);
  for (const minutes of [5, 0, 10, -5, -10, -15, -20, -25, 15, -30]) {
    yield {
      startsAt: new Date(now + minutes * 60_000).toISOString(),
      endsAt: new Date(now + (minutes + 5) * 60_000).toISOString(),
    };
  }
}

/**
 * Cancels dr.lee's appointments around now (the demo data has some at fixed times of day), so
 * the runs find open slots whatever the hour.
 */
export async function clearCalendarAroundNow(api: ReturnType<typeof benchApi>): Promise<void> {
  const lee = (await api.call<{ sub: string }>('dr.lee@demo.test', 'GET', '/me')).body.sub;
  const from = new Date(Date.now() - 2 * 3_600_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const schedule = await api.call<{ appointments: { id: string; status: string }[] }>(
    'frontdesk@demo.test',
    'GET',
    `/schedule?providerId=${lee}&from=${from}&to=${to}`,
  );
  for (const { id, status } of schedule.body.appointments) {
    if (status !== 'cancelled')
      await api.call('frontdesk@demo.test', 'POST', `/appointments/${id}/cancel`);
  }
}

/** A short video appointment of dr.lee with pat whose join window is open now, one guest invited. */
export async function liveVisitWithGuest(api: ReturnType<typeof benchApi>) {
  const lee = (await api.call<{ sub: string }>('dr.lee@demo.test', 'GET', '/me')).body.sub;
  const pat = 'c1a7e0f2-5b1d-4c8e-9a57-0b1f6e2d4c11';
  for (const { startsAt, endsAt } of openSlots()) {
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
    const listed = await api.call<{ invitees: { email?: string; link: string; pin: string }[] }>(
      'frontdesk@demo.test',
      'POST',
      `/appointments/${appointmentId}/invitees`,
      { email },
    );
    const invitee = listed.body.invitees.find((i) => i.email === email);
    const link = invitee?.link ?? '';
    return { appointmentId, guestToken: link.split('/join/')[1] ?? '', pin: invitee?.pin ?? '' };
  }
  throw new Error('No free slot near now on dr.lee’s calendar');
}
