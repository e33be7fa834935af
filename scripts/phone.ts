/**
 * `npm run phone -- call +15551230143 --pin 01234567890`: a telephone on the local phone network
 * of a running `npm start` (GATEWAY_URL, default http://127.0.0.1:3000). It dials the clinic's
 * number, types the PIN when asked, and prints what the caller hears until the call ends (or
 * Ctrl-C hangs up). `--to` dials another number; without `--pin` it only listens.
 */
import { parseArgs } from 'node:util';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { pin: { type: 'string' }, to: { type: 'string' } },
});
const [command, from] = positionals;
if (command !== 'call' || !from || !/^\+[1-9]\d{1,14}$/.test(from)) {
  console.error('Usage: npm run phone -- call <your number, E.164> [--pin <PIN>] [--to <number>]');
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

// The clinic's dial-in number on one machine (functions/local/stack.ts).
const to = values.to ?? '+12025550100';
const placed = await control('POST', '/calls', { from, to });
if (placed.status !== 201) {
  console.error(`The call did not go through: ${JSON.stringify(placed.body)}`);
  process.exit(1);
}
const tx = String(placed.body.transactionId);
console.log(`Calling ${to} from ${from}…`);
process.on('SIGINT', () => void control('POST', `/calls/${tx}/hangup`).then(() => process.exit(0)));

let heard = 0;
let typed = false;
let inMeeting = false;
for (;;) {
  const { body } = await control('GET', `/calls/${tx}`);
  const said = (body.heard as string[]) ?? [];
  for (const line of said.slice(heard)) console.log(`  🔊 ${line}`);
  heard = said.length;
  if (body.listening && values.pin && !typed) {
    typed = true;
    console.log(`  ⌨  ${values.pin}#`);
    await control('POST', `/calls/${tx}/keys`, { keys: `${values.pin.replace(/\D/g, '')}#` });
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
