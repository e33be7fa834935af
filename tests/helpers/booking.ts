import { randomInt, randomUUID } from 'node:crypto';
import { apiAs, requestFrom } from './api';
import { createUser } from './auth';
import { messagesTo } from './outbox';

/** Hours every day around the clock in UTC: a test books at any hour it runs. */
export const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  hours: [{ start: '00:00', end: '24:00' }],
}));

export const openSettings = {
  enabled: true,
  timeZone: 'UTC',
  weekly: allDay,
  overrides: [],
  visitTypes: [
    { id: 'session-50', name: 'Video session', minutes: 50 },
    { id: 'consult-30', name: 'Video consultation', minutes: 30 },
  ],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNoticeMinutes: 0,
  horizonDays: 30,
  cancelCutoffHours: 24,
  newClients: 'book' as 'off' | 'book' | 'request',
};

/** A provider of their own, taking online bookings with `settings` (over the open ones). */
export async function bookableProvider(settings: Partial<typeof openSettings> = {}) {
  const provider = await createUser('provider', { teletherapy: true, displayName: 'Dr. Online' });
  const saved = await apiAs(provider.email).put(`/providers/${provider.sub}/booking-settings`, {
    ...openSettings,
    ...settings,
  });
  if (saved.status !== 200) throw new Error(`settings not saved: ${JSON.stringify(saved.body)}`);
  return provider;
}

/**
 * Where this test file's addresses start: at random in 127.64.0.1–127.127.255.250 (4 million).
 * Test files run one after another, often several in one minute, and the stack counts per
 * address and minute, so files that each started at the same address added up to the limit.
 */
let turn = randomInt(0, 250 * 256 * 64);
/** A loopback address of its own per call: the booking routes count 10 a minute per address. */
export function freshAddress(): string {
  const n = turn++ % (250 * 256 * 64);
  return `127.${64 + Math.floor(n / (250 * 256))}.${Math.floor(n / 250) % 256}.${(n % 250) + 1}`;
}

export const newEmail = () => `booker-${randomUUID().slice(0, 8)}@example.com`;

/** The 6-digit code in the newest code email to `email`. */
export async function codeSentTo(email: string): Promise<string> {
  for (let i = 0; i < 50; i += 1) {
    const mail = (await messagesTo(email)).find((m) => /is your .* code/.test(m.subject ?? ''));
    const code = mail && /\b(\d{6})\b/.exec(mail.subject ?? '')?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no code reached ${email}`);
}

/** Proves an address as the page does: asks for a code, reads it from the outbox, checks it. */
export async function proveEmail(providerId: string, email: string): Promise<string> {
  const sent = await requestFrom(freshAddress(), 'POST', `/book/${providerId}/codes`, { email });
  if (sent.status !== 202) throw new Error(`no code: ${JSON.stringify(sent.body)}`);
  const code = await codeSentTo(email);
  const checked = await requestFrom(freshAddress(), 'POST', `/book/${providerId}/codes/check`, {
    email,
    code,
  });
  if (checked.status !== 200) throw new Error(`code refused: ${JSON.stringify(checked.body)}`);
  return checked.body.proof as string;
}

export const idempotencyKey = () => randomUUID().replaceAll('-', '');

/** A booking as the page sends it, from an address of its own. */
export function book(
  providerId: string,
  body: Record<string, unknown>,
  address: string = freshAddress(),
) {
  return requestFrom(address, 'POST', `/book/${providerId}/bookings`, {
    typeId: 'session-50',
    idempotencyKey: idempotencyKey(),
    firstName: 'Robin',
    lastName: 'Booker',
    ...body,
  });
}

/** The start of a 15-minute step `days` days from now at `hour` UTC. */
export function slotAt(days: number, hour: number, minute = 0): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(hour, minute, 0, 0);
  return d.toISOString();
}
