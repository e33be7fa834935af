/**
 * `npm run phone -- call +15551230143 --pin 01234567890`: a telephone on the local phone network
 * of a running `npm start` (GATEWAY_URL, default http://127.0.0.1:3000). It dials the clinic's
 * number, types the PIN when asked, and prints what the caller hears until the call ends (or
 * Ctrl-C hangs up). `--to` dials another number; without `--pin` it only listens.
 * `npm run phone -- answer +12025550143 [--press 1]`: the phone with that number waits for the
 * clinic's call (a provider's "Call a phone"), answers it, and presses the key when asked.
 */
import { parseArgs } from 'node:util';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { pin: { type: 'string' }, to: { type: 'string' }, press: { type: 'string' } },
});
const [command, number] = positionals;
if ((command !== 'call' && command !== 'answer') || !number || !/^\+[1-9]\d{1,14}$/.test(number)) {
  console.error(
    'Usage: npm run phone -- call <your number, E.164> [--pin <PIN>] [--to <number>]\n' +
      '       npm run phone -- answer <your number, E.164> [--press 1|2]',
  );
  process.exit(2);
}

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${gateway}/_local/phone${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Places the call to the clinic, or waits for the clinic's call and answers it. */
async function connect(): Promise<string> {
  if (command === 'call') {
    // The clinic's dial-in number on one machine (functions/local/stack.ts).
    const to = values.to ?? '+12025550100';
    const placed = await control('POST', '/calls', { from: number, to });
    if (placed.status !== 201) {
      console.error(`The call did not go through: ${JSON.stringify(placed.body)}`);
      process.exit(1);
    }
    console.log(`Calling ${to} from ${number}…`);
    return String(placed.body.transactionId);
  }
  console.log(`${number} waits for a call (Ctrl-C to stop)…`);
  for (;;) {
    const { body } = await control('GET', `/calls?to=${encodeURIComponent(number ?? '')}`);
    const ringing = (body.calls as { transactionId: string; state: string; from: string }[]).find(
      (c) => c.state === 'ringing',
    );
    if (ringing) {
      console.log(`  📞 ${ringing.from} is calling: answering.`);
      await control('POST', `/calls/${ringing.transactionId}/answer`);
      return ringing.transactionId;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const tx = await connect();
process.on('SIGINT', () => void control('POST', `/calls/${tx}/hangup`).then(() => process.exit(0)));
// What to type when the line listens: the PIN and #, or the answer to "press 1".
const keys = command === 'call' ? values.pin && `${values.pin.replace(/\D/g, '')}#` : values.press;

let heard = 0;
let typed = false;
let inMeeting = false;
for (;;) {
  const { body } = await control('GET', `/calls/${tx}`);
  const said = (body.heard as string[]) ?? [];
  for (const line of said.slice(heard)) console.log(`  🔊 ${line}`);
  heard = said.length;
  if (body.listening && keys && !typed) {
    typed = true;
    console.log(`  ⌨  ${keys}`);
    await control('POST', `/calls/${tx}/keys`, { keys });
  }
  if (body.listening === false) typed = false;
  if (body.inMeeting !== inMeeting) {
    inMeeting = Boolean(body.inMeeting);
    console.log(inMeeting ? '  ✅ In the visit (audio).' : '  ↩  Out of the visit.');
  }
  if (body.state === 'ended') {
    console.log('Call ended.');
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
