/**
 * `npm start`: the whole system on one machine. Ports come from the environment (PORT,
 * DYNAMODB_PORT, MOTO_PORT; free ones when unset). With TELEVISIT_READY_LINE=1 it prints one
 * machine-readable line when ready, which the test setup reads.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MissingToolError, PortInUseError } from './processes';
import { demoAccounts, demoPassword } from './seed';
import { startLocalStack } from './stack';
import { buildWeb, webBuildIsStale } from './web-build';

const rootDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const port = (name: string) => {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${name} must be a port number, not "${value}"`);
  return n;
};

async function main() {
  const started = Date.now();
  const host = process.env.HOST ?? '127.0.0.1';
  const webDir = join(rootDir, 'web');
  const skipWeb = process.env.SKIP_WEB_BUILD === '1';
  const webBuild = !skipWeb && webBuildIsStale(webDir) ? buildWeb(rootDir) : Promise.resolve();
  const dynamoPort = port('DYNAMODB_PORT');
  const motoPort = port('MOTO_PORT');
  const stack = await startLocalStack({
    host,
    port: port('PORT') ?? 3000,
    ...(dynamoPort !== undefined ? { dynamoPort } : {}),
    ...(motoPort !== undefined ? { motoPort } : {}),
    webRoot: join(webDir, 'build'),
    seed: process.env.SEED !== '0',
  });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stack.stop().catch((error: unknown) => console.error(error));
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  await webBuild.catch(async (error: unknown) => {
    console.error(error);
    await stop(1);
  });
  if (process.env.TELEVISIT_READY_LINE === '1') {
    console.log(
      `TELEVISIT_READY ${JSON.stringify({ url: stack.url, dynamoUrl: stack.dynamoUrl, motoUrl: stack.motoUrl, userPoolId: stack.userPoolId, userPoolClientId: stack.userPoolClientId, tables: stack.tables, env: stack.handlerEnv, pid: process.pid, pids: stack.pids })}`,
    );
  }
  const width = Math.max(...demoAccounts.map((a) => a.email.length));
  console.log(`
Televisit is running at ${stack.url}   (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

  Outbox (every email and SMS sent):  ${stack.url}/_outbox
  Health:                             ${stack.url}/api/health
  API document:                       ${stack.url}/api/openapi.json

Demo logins (password ${demoPassword}):
${demoAccounts.map((a) => `  ${a.email.padEnd(width)}  ${a.role}${a.role === 'provider' ? (a.teletherapy ? ', video visits on' : ', video visits off') : ''}`).join('\n')}

DynamoDB Local ${stack.dynamoUrl} · moto ${stack.motoUrl} · data lives in memory until you stop.
Press Ctrl-C to stop.
`);
}

main().catch((error: unknown) => {
  if (error instanceof MissingToolError || error instanceof PortInUseError)
    console.error(`\nCannot start: ${error.message}\n`);
  else console.error(error);
  process.exit(1);
});
