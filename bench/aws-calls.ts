/**
 * AWS round trips per hot action, warm, one request at a time: the local gateway reports, with
 * every answer, how many AWS calls the handler made and how many had to wait for another
 * (header `x-local-aws-calls`, from an SDK middleware on every client). Each action runs twice;
 * the second (warm) run is the figure.
 */
import type { StackInfo } from '../tests/helpers/stack-process';
import { benchApi, openSlots } from './api';

export interface CallCount {
  total: number;
  sequential: number;
  calls: string[];
}

/** At most this many sequential AWS round trips per action (issue: hot actions in 3). */
export const roundTripBudgets = {
  booking: 3,
  sendNow: 3,
  start: 3,
  providerJoinInfo: 3,
  linkLookup: 3,
  knock: 3,
  admit: 3,
  guestJoinInfo: 3,
} as const;
export type Action = keyof typeof roundTripBudgets;

const pat = 'c1a7e0f2-5b1d-4c8e-9a57-0b1f6e2d4c11';

async function request(
  stack: StackInfo,
  api: ReturnType<typeof benchApi>,
  who: string | { participant: string } | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown>; count: CallCount }> {
  const headers: Record<string, string> = {};
  if (typeof who === 'string') headers.authorization = `Bearer ${await api.signIn(who)}`;
  else if (who) headers['x-participant-token'] = who.participant;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${stack.url}/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const count = JSON.parse(response.headers.get('x-local-aws-calls') ?? '{}') as CallCount;
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (response.status >= 300)
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return { status: response.status, body: parsed, count };
}

/** One pass through a clinic's hot path: book, invite, send, start, knock, admit, join. */
async function onePass(
  stack: StackInfo,
  api: ReturnType<typeof benchApi>,
  pass: number,
): Promise<Record<Action, CallCount>> {
  const lee = (await api.call<{ sub: string }>('dr.lee@demo.test', 'GET', '/me')).body.sub;
  let booked: Awaited<ReturnType<typeof request>> | undefined;
  for (const { startsAt, endsAt } of openSlots()) {
    booked = await request(stack, api, 'frontdesk@demo.test', 'POST', '/appointments', {
      providerId: lee,
      clientId: pat,
      startsAt,
      endsAt,
      video: true,
    }).catch(() => undefined);
    if (booked) break;
  }
  if (!booked) throw new Error('No free slot near now on dr.lee’s calendar');
  const appointmentId = String((booked.body.appointments as { id: string }[])[0]?.id);
  const email = `bench.calls.${Date.now()}@example.com`;
  const invited = await request(
    stack,
    api,
    'frontdesk@demo.test',
    'POST',
    `/appointments/${appointmentId}/invitees`,
    { email },
  );
  const link = String(
    (invited.body.invitees as { email?: string; link: string }[]).find((i) => i.email === email)
      ?.link,
  );
  const token = link.split('/join/')[1] ?? '';
  const sendNow = await request(
    stack,
    api,
    'frontdesk@demo.test',
    'POST',
    `/appointments/${appointmentId}/invitations/send`,
    {},
  );
  const start = await request(
    stack,
    api,
    'dr.lee@demo.test',
    'POST',
    `/appointments/${appointmentId}/visit/start`,
  );
  const providerJoinInfo = await request(
    stack,
    api,
    'dr.lee@demo.test',
    'GET',
    `/visits/${appointmentId}/session`,
  );
  const linkLookup = await request(stack, api, null, 'GET', `/join/${token}`);
  const knock = await request(stack, api, null, 'POST', `/join/${token}/knock`, {
    firstName: 'Bench',
    lastName: `Guest ${pass}`,
  });
  const participant = String(knock.body.participantToken);
  const admit = await request(
    stack,
    api,
    'dr.lee@demo.test',
    'POST',
    `/visits/${appointmentId}/admit`,
    {
      participantIds: [knock.body.participantId],
    },
  );
  const guestJoinInfo = await request(
    stack,
    api,
    { participant },
    'GET',
    `/visits/${appointmentId}/me/session`,
  );
  await request(stack, api, 'dr.lee@demo.test', 'POST', `/visits/${appointmentId}/end`);
  return {
    booking: booked.count,
    sendNow: sendNow.count,
    start: start.count,
    providerJoinInfo: providerJoinInfo.count,
    linkLookup: linkLookup.count,
    knock: knock.count,
    admit: admit.count,
    guestJoinInfo: guestJoinInfo.count,
  };
}

/** The warm figures: a first pass warms every function, the second is measured. */
export async function measureAwsCalls(stack: StackInfo): Promise<Record<Action, CallCount>> {
  const api = benchApi(stack);
  await onePass(stack, api, 0);
  return onePass(stack, api, 1);
}

if (process.argv[1]?.endsWith('aws-calls.ts')) {
  const { startStackProcess } = await import('../tests/helpers/stack-process');
  const stack = await startStackProcess({ buildWeb: false });
  try {
    const counts = await measureAwsCalls(stack.info);
    for (const [action, count] of Object.entries(counts))
      console.log(
        `${action.padEnd(18)} ${String(count.total).padStart(3)} calls, ${count.sequential} sequential (budget ${roundTripBudgets[action as Action]})  ${count.calls.join(' ')}`,
      );
  } finally {
    await stack.stop();
  }
}
