import type { CallView } from '../../functions/local/phone/network';
import { stack } from './local-stack';

export type { CallView };

/** The clinic's dial-in number on one machine (functions/local/stack.ts). */
export const clinicNumber = '+12025550100';

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack().url}/_local/phone${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A telephone on the local phone network, as a caller uses it. */
export async function dial(from: string, to = clinicNumber) {
  const placed = await control('POST', '/calls', { from, to });
  if (placed.status !== 201) throw new Error(`dial failed: ${JSON.stringify(placed.body)}`);
  return phoneCall(String(placed.body.transactionId));
}

/** The call that rings `number` (a call the clinic places), once it rings. */
export async function ringing(number: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await control('GET', `/calls?to=${encodeURIComponent(number)}`);
    const call = (body.calls as CallView[]).find((c) => c.state === 'ringing');
    if (call) return phoneCall(call.transactionId);
    if (Date.now() > deadline) throw new Error(`Nothing rang ${number}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One call on the local phone network, from the phone's side. */
function phoneCall(tx: string) {
  const view = async () => (await control('GET', `/calls/${tx}`)).body as unknown as CallView;
  return {
    transactionId: tx,
    view,
    press: (keys: string) => control('POST', `/calls/${tx}/keys`, { keys }),
    hangUp: () => control('POST', `/calls/${tx}/hangup`),
    answer: () => control('POST', `/calls/${tx}/answer`),
    decline: () => control('POST', `/calls/${tx}/decline`),
    busy: () => control('POST', `/calls/${tx}/busy`),
    /** Types `digits` and # each time the line asks for a PIN, `times` times. */
    async enter(digits: string, times = 1) {
      for (let i = 0; i < times; i += 1) {
        const asked = await this.until((c) => c.listening, 'asked for the PIN');
        await this.press(`${digits}#`);
        // The line always answers digits with words (again, goodbye, or please wait).
        await this.until(
          (c) => c.heard.length > asked.heard.length || c.state === 'ended',
          'answered the digits',
        );
      }
    },
    /** Waits until the call is as `ready` wants (the phone Lambda answers within seconds). */
    async until(ready: (call: CallView) => boolean, what: string, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      let last = await view();
      while (!ready(last)) {
        if (Date.now() > deadline)
          throw new Error(`The call never ${what}: ${JSON.stringify(last)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        last = await view();
      }
      return last;
    },
  };
}

export const heardLast = (call: CallView) => call.heard.at(-1) ?? '';
