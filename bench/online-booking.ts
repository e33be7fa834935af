/**
 * Online booking on the local stack: a provider with 500 appointments in the horizon; the
 * public page's slot listing (a week of 30-minute slots) and a booking (a known client, proven
 * by email code), each measured warm as the request's time from this process (the server's
 * time: the gateway is on this machine) and the DynamoDB calls the handler made (total and
 * sequential, from the gateway's call trace). The floor, measured in the same run, is the
 * public page's own read (its settings cached): what any public request costs here.
 */

import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createUserIn } from '../tests/helpers/auth';
import type { StackInfo } from '../tests/helpers/stack-process';
import { benchApi } from './api';
import { median } from './measure';

export const bookingBudgets = { sequentialDynamoDbCalls: 3 };

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const pat = 'c1a7e0f2-5b1d-4c8e-9a57-0b1f6e2d4c11';
const day = 86_400_000;

interface Answer {
  status: number;
  body: Record<string, unknown>;
  ms: number;
  calls: { total: number; sequential: number; calls: string[] };
}

let turn = 0;
/** From a loopback address of its own each time: the public routes count per address. */
function publicCall(stack: StackInfo, method: string, path: string, body?: unknown) {
  const url = new URL(`${stack.url}/api${path}`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const address = `127.0.${200 + (Math.floor(turn / 250) % 50)}.${(turn++ % 250) + 1}`;
  const started = performance.now();
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        localAddress: address,
        headers: payload ? { 'content-type': 'application/json' } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - started;
          const text = Buffer.concat(chunks).toString();
          resolve({
            status: res.statusCode ?? 0,
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
            ms,
            calls: JSON.parse(String(res.headers['x-local-aws-calls'] ?? '{}')),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const dynamoOnly = (a: Answer) => {
  const calls = (a.calls.calls ?? []).filter((c) => /dynamo/i.test(c));
  return { total: calls.length, sequential: a.calls.sequential, calls };
};

async function codeFor(stack: StackInfo, email: string): Promise<string> {
  for (let i = 0; i < 50; i += 1) {
    const outbox = (await (await fetch(`${stack.url}/_outbox.json`)).json()) as {
      to: string[];
      subject?: string;
    }[];
    const code = outbox
      .find((m) => m.to.includes(email) && /is your/.test(m.subject ?? ''))
      ?.subject?.slice(0, 6);
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no code arrived');
}

async function proof(stack: StackInfo, providerId: string, email: string): Promise<string> {
  await publicCall(stack, 'POST', `/book/${providerId}/codes`, { email });
  const checked = await publicCall(stack, 'POST', `/book/${providerId}/codes/check`, {
    email,
    code: await codeFor(stack, email),
  });
  return String(checked.body.proof);
}

export async function runBookingBench(stack: StackInfo, runs = 20) {
  const region = 'us-east-1';
  const provider = await createUserIn(
    {
      cognito: new CognitoIdentityProviderClient({ region, endpoint: stack.motoUrl, credentials }),
      documents: DynamoDBDocumentClient.from(
        new DynamoDBClient({ region, endpoint: stack.dynamoUrl, credentials }),
      ),
      userPoolId: stack.userPoolId,
      appointmentsTable: stack.tables.TABLE_APPOINTMENTS ?? '',
    },
    'provider',
    { teletherapy: true, displayName: 'Dr. Bench' },
  );
  const api = benchApi(stack);
  await api.call(provider.email, 'PUT', `/providers/${provider.sub}/booking-settings`, {
    enabled: true,
    timeZone: 'UTC',
    weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      hours: [{ start: '00:00', end: '24:00' }],
    })),
    overrides: [],
    visitTypes: [{ id: 'consult-30', name: 'Video consultation', minutes: 30 }],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 10,
    minimumNoticeMinutes: 0,
    horizonDays: 30,
    cancelCutoffHours: 24,
    newClients: 'book',
  });
  // 500 appointments over the horizon: 17 a day, on the half hour from 06:00 UTC.
  const today = Math.floor(Date.now() / day) * day;
  const times = Array.from({ length: 500 }, (_, i) => {
    const start = today + (1 + Math.floor(i / 17)) * day + (6 * 60 + (i % 17) * 30) * 60_000;
    return {
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 20 * 60_000).toISOString(),
    };
  });
  for (let i = 0; i < times.length; i += 8)
    await Promise.all(
      times.slice(i, i + 8).map((t) =>
        api.call('frontdesk@demo.test', 'POST', '/appointments', {
          providerId: provider.sub,
          clientId: pat,
          ...t,
          video: true,
        }),
      ),
    );
  const listing: Answer[] = [];
  const floor: Answer[] = [];
  const week = (n: number) =>
    `from=${new Date(today + (1 + (n % 3) * 7) * day).toISOString()}&to=${new Date(today + (8 + (n % 3) * 7) * day).toISOString()}`;
  for (let i = 0; i < runs + 1; i += 1) {
    floor.push(await publicCall(stack, 'GET', `/book/${provider.sub}`));
    listing.push(
      await publicCall(stack, 'GET', `/book/${provider.sub}/slots?typeId=consult-30&${week(i)}`),
    );
  }
  // Bookings of a known client (a new address every three: at most 3 upcoming each).
  const booking: Answer[] = [];
  let current = '';
  for (let i = 0; i < runs + 1; i += 1) {
    if (i % 3 === 0) {
      const email = `bench.${randomUUID().slice(0, 8)}@example.com`;
      await api.call('frontdesk@demo.test', 'POST', '/clients', {
        firstName: 'Bench',
        lastName: `Booker ${i}`,
        email,
      });
      current = await proof(stack, provider.sub, email);
    }
    // Between the staff's appointments: 15:00 UTC and later on each day.
    const start = today + (1 + i) * day + 16 * 3_600_000;
    const answer = await publicCall(stack, 'POST', `/book/${provider.sub}/bookings`, {
      typeId: 'consult-30',
      startsAt: new Date(start).toISOString(),
      proof: current,
      idempotencyKey: randomUUID().replaceAll('-', ''),
    });
    if (answer.status !== 201)
      throw new Error(`booking answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    booking.push(answer);
  }
  // The first of each is cold (the function's first load): not counted.
  const warm = (list: Answer[]) => list.slice(1);
  const slots = Number((listing[1]?.body.slots as unknown[] | undefined)?.length ?? 0);
  return {
    appointmentsInHorizon: times.length,
    floorMs: Math.round(median(warm(floor).map((a) => a.ms))),
    slotListing: {
      medianMs: Math.round(median(warm(listing).map((a) => a.ms))),
      slotsInWeek: slots,
      dynamoDb: dynamoOnly(listing[1] as Answer),
    },
    booking: {
      medianMs: Math.round(median(warm(booking).map((a) => a.ms))),
      dynamoDb: dynamoOnly(booking[1] as Answer),
    },
  };
}

if (process.argv[1]?.endsWith('online-booking.ts')) {
  const { startStackProcess } = await import('../tests/helpers/stack-process');
  const stack = await startStackProcess({ buildWeb: false });
  try {
    console.log(JSON.stringify(await runBookingBench(stack.info), null, 2));
  } finally {
    await stack.stop();
  }
}
