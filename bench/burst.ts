/**
 * A clinic's peak: 200 visits started within one minute, three guests let in to each, on the
 * local stack (Chime's stand-in keeps Chime's rate: 10 a second, bursts of 20). Each guest acts
 * as the guest page does: knocks, keeps a WebSocket, takes its join information from the
 * `admitted` push (asking for it when the push carries none), and reads its place every 15 s in
 * case a push was lost. Measured: every answer's status (no 5xx allowed), the guests let in who
 * never got join information (stranded: none allowed), and the time from the provider's Allow
 * to each guest's join information (p99 under 5 s).
 */
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import WebSocket from 'ws';
import { createUserIn, demoPassword } from '../tests/helpers/auth';
import type { StackInfo } from '../tests/helpers/stack-process';

export const burstBudgets = {
  serverErrors: 0,
  stranded: 0,
  refused: 0,
  p99AdmissionToJoinInfoMs: 5_000,
};

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const pat = 'c1a7e0f2-5b1d-4c8e-9a57-0b1f6e2d4c11';

interface Options {
  visits: number;
  guestsPerVisit: number;
  spreadMs: number;
  /** Visits per provider: consecutive 5-minute appointments whose windows are all open now. */
  visitsPerProvider: number;
  /**
   * Invite the guests only after the visit started, so that each Allow has to create their
   * attendees (BatchCreateAttendee) instead of finding them made by the Start.
   */
  inviteAfterStart: boolean;
  /** One Allow for all of a visit's guests instead of one Allow each. */
  admitTogether: boolean;
}

type Json = Record<string, unknown>;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Runs `work` over `list` with at most `width` at once. */
async function inParallel<T, R>(list: readonly T[], width: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(list.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < list.length) {
        const i = next++;
        results[i] = await work(list[i] as T);
      }
    }),
  );
  return results;
}

export async function runBurst(stack: StackInfo, options: Partial<Options> = {}) {
  const o: Options = {
    visits: 200,
    guestsPerVisit: 3,
    spreadMs: 60_000,
    visitsPerProvider: 9,
    inviteAfterStart: false,
    admitTogether: false,
    ...options,
  };
  const statuses = new Map<number, number>();
  async function call(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(`${stack.url}/api${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
  }

  // Prepare: providers (each with the teletherapy permission), their appointments, invitations.
  const region = 'us-east-1';
  const cognito = new CognitoIdentityProviderClient({
    region,
    endpoint: stack.motoUrl,
    credentials,
  });
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region, endpoint: stack.dynamoUrl, credentials }),
  );
  const signIn = async (email: string) => {
    const result = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: stack.userPoolClientId,
        AuthParameters: { USERNAME: email, PASSWORD: demoPassword },
      }),
    );
    return result.AuthenticationResult?.AccessToken ?? '';
  };
  const providerCount = Math.ceil(o.visits / o.visitsPerProvider);
  const stamp = Date.now();
  const target = {
    cognito,
    documents,
    userPoolId: stack.userPoolId,
    appointmentsTable: stack.tables.TABLE_APPOINTMENTS,
  };
  const providers = await inParallel(
    Array.from({ length: providerCount }, (_, i) => i),
    4,
    async (i) => {
      const { email, sub } = await createUserIn(target, 'provider', {
        email: `burst-${stamp}-${i}@bench.example`,
        displayName: `Dr. Burst ${i}`,
        teletherapy: true,
      });
      return { sub, token: await signIn(email) };
    },
  );
  const frontDesk = await signIn('frontdesk@demo.test');
  const minute = Date.now() - (Date.now() % 60_000);
  const slots = Array.from({ length: o.visits }, (_, v) => ({
    provider: providers[Math.floor(v / o.visitsPerProvider)] ?? providers[0],
    // Five-minute appointments from 30 minutes ago to 10 minutes ahead: with the default launch
    // window (15 minutes before) and grace (30 minutes after), every join window is open now.
    startsAt: new Date(minute + (-30 + 5 * (v % o.visitsPerProvider)) * 60_000).toISOString(),
  }));
  const visits = await inParallel(slots, 6, async ({ provider, startsAt }) => {
    const booked = await call(frontDesk, 'POST', '/appointments', {
      providerId: provider?.sub,
      clientId: pat,
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 5 * 60_000).toISOString(),
      video: true,
    });
    if (booked.status !== 201)
      throw new Error(`booking: ${booked.status} ${JSON.stringify(booked.body)}`);
    const id = String((booked.body.appointments as Json[])[0]?.id);
    const invite = async () => {
      const links: string[] = [];
      for (let g = 0; g < o.guestsPerVisit; g += 1) {
        const email = `guest${g}.${id.slice(0, 8)}@bench.example`;
        const listed = await call(frontDesk, 'POST', `/appointments/${id}/invitees`, { email });
        const link = (listed.body.invitees as { email?: string; link: string }[]).find(
          (i) => i.email === email,
        )?.link;
        links.push(String(link).split('/join/')[1] ?? '');
      }
      return links;
    };
    const links = o.inviteAfterStart ? [] : await invite();
    return { id, providerToken: provider?.token ?? '', links, invite };
  });
  statuses.clear();

  // Act: the burst.
  const admissionToJoin: number[] = [];
  let stranded = 0;
  let admitted = 0;
  let full = 0;
  // Starts or Allows that did not answer 200: each leaves a visit or its guests behind.
  let refused = 0;
  const sockets: WebSocket[] = [];
  const started = Date.now();
  await Promise.all(
    visits.map(async (visit, v) => {
      await new Promise((r) => setTimeout(r, (v / o.visits) * o.spreadMs));
      const [start] = await Promise.all([
        call(visit.providerToken, 'POST', `/appointments/${visit.id}/visit/start`),
      ]);
      if (start.status !== 200) {
        refused += 1;
        return;
      }
      // The provider's page opens the call: its own join information.
      void call(visit.providerToken, 'GET', `/visits/${visit.id}/session`);
      const links = o.inviteAfterStart ? await visit.invite() : visit.links;
      const guests = await Promise.all(
        links.map(async (link, g) => {
          const knocked = await call(null, 'POST', `/join/${link}/knock`, {
            firstName: 'Burst',
            lastName: `Guest ${g}`,
          });
          const token = String(knocked.body.participantToken ?? '');
          const socket = new WebSocket(
            `${stack.url.replace(/^http/, 'ws')}/ws?participant=${encodeURIComponent(token)}`,
          );
          sockets.push(socket);
          const pushed: Json[] = [];
          const waiters: (() => void)[] = [];
          socket.on('message', (data) => {
            pushed.push(JSON.parse(String(data)) as Json);
            for (const w of waiters.splice(0)) w();
          });
          await new Promise((resolve) => socket.once('open', resolve));
          return { id: String(knocked.body.participantId), token, pushed, waiters };
        }),
      );
      // The provider lets each guest in with their own Allow, as a person clicks; or all at once.
      const groups = o.admitTogether ? [guests] : guests.map((guest) => [guest]);
      await Promise.all(
        groups.map(async (group, i) => {
          await new Promise((r) => setTimeout(r, i * 300));
          const admittedAt = Date.now();
          const allowed = await call(visit.providerToken, 'POST', `/visits/${visit.id}/admit`, {
            participantIds: group.map((g) => g.id),
          });
          if (allowed.status !== 200) {
            refused += 1;
            return;
          }
          const states =
            (allowed.body.participants as { participantId: string; state: string }[]) ?? [];
          await Promise.all(
            group.map(async (guest) => {
              if (states.find((p) => p.participantId === guest.id)?.state !== 'admitted') {
                full += 1;
                return;
              }
              admitted += 1;
              const got = await joinInfoOf(guest, visit.id, admittedAt);
              if (got === undefined) stranded += 1;
              else admissionToJoin.push(got - admittedAt);
            }),
          );
        }),
      );
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  for (const socket of sockets) socket.close();

  /** The guest page's way to its join information: the push, else asking; a slow read too. */
  async function joinInfoOf(
    guest: { token: string; pushed: Json[]; waiters: (() => void)[] },
    visitId: string,
    since: number,
  ): Promise<number | undefined> {
    const headers = { 'x-participant-token': guest.token };
    const deadline = since + 60_000;
    let lastRead = Date.now();
    while (Date.now() < deadline) {
      const push = guest.pushed.find((m) => m.type === 'admitted');
      if (push?.joinInfo) return Date.now();
      if (push || Date.now() - lastRead >= 15_000) {
        lastRead = Date.now();
        const place = push
          ? { body: { state: 'admitted' } }
          : await call(null, 'GET', `/visits/${visitId}/me`, undefined, headers);
        if (place.body.state === 'admitted') {
          const session = await call(
            null,
            'GET',
            `/visits/${visitId}/me/session`,
            undefined,
            headers,
          );
          if (session.status === 200) return Date.now();
        }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        guest.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return undefined;
  }

  const serverErrors = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  return {
    visits: o.visits,
    inviteAfterStart: o.inviteAfterStart,
    admitTogether: o.admitTogether,
    guests: o.visits * o.guestsPerVisit,
    seconds: Number(seconds.toFixed(1)),
    admitted,
    full,
    stranded,
    refused,
    serverErrors,
    statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
    admissionToJoinInfoMs: {
      p50: Math.round(percentile(admissionToJoin, 50)),
      p90: Math.round(percentile(admissionToJoin, 90)),
      p99: Math.round(percentile(admissionToJoin, 99)),
      max: Math.round(Math.max(0, ...admissionToJoin)),
    },
  };
}

if (process.argv[1]?.endsWith('burst.ts')) {
  const { startStackProcess } = await import('../tests/helpers/stack-process');
  const stack = await startStackProcess({ buildWeb: false });
  try {
    const visits = Number(process.env.BURST_VISITS ?? 200);
    const inviteAfterStart = process.env.BURST_LATE_INVITES === '1';
    const admitTogether = process.env.BURST_ADMIT_TOGETHER === '1';
    const result = await runBurst(stack.info, { visits, inviteAfterStart, admitTogether });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await stack.stop();
  }
}
