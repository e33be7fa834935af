import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, onTestFinished } from 'vitest';
import { demoAccounts, seedDemoClinic } from '../../functions/local/seed';
import { resetEnvCache } from '../../functions/platform/env';
import { localClients } from '../helpers/aws';
import { stack } from '../helpers/local-stack';
import { freePort, startStackProcess } from '../helpers/stack-process';

async function countRecords() {
  const { documents, cognito } = localClients();
  // A test may scan: it inspects the whole table, which no request path ever does.
  const items = await documents.send(
    new ScanCommand({ TableName: stack().tables.TABLE_APPOINTMENTS, Select: 'COUNT' }),
  );
  const users = await cognito.send(
    new ListUsersCommand({ UserPoolId: stack().userPoolId, Limit: 60 }),
  );
  return { items: items.Count ?? 0, users: users.Users?.length ?? 0 };
}

/** The first process whose command line matches `pattern`, or 0. */
function pidOf(pattern: string): number {
  return Number(spawnSync('pgrep', ['-f', pattern]).stdout.toString().trim().split('\n')[0] || 0);
}

/** Runs `npm start`'s program with `env` and a PATH of only the given programs; its exit. */
async function startWith(programs: string[], env: Record<string, string>) {
  const bin = mkdtempSync(join(tmpdir(), 'televisit-path-'));
  for (const program of programs) symlinkSync(program, join(bin, program.split('/').pop() ?? ''));
  const started = Date.now();
  const run = spawn(join('node_modules', '.bin', 'tsx'), ['functions/local/start.ts'], {
    env: { ...process.env, PATH: bin, SKIP_WEB_BUILD: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  run.stdout.on('data', (c: Buffer) => (output += c.toString()));
  run.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
  return { code, output, ms: Date.now() - started };
}

/** Where a program lives on this machine's PATH. */
function which(program: string): string {
  return spawnSync('sh', ['-c', `command -v ${program}`])
    .stdout.toString()
    .trim();
}

/** Whether a process with this id is still alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the local stack', () => {
  it('seeds idempotently: a second seed neither duplicates nor fails', async () => {
    // Prepare
    const { documents, cognito } = localClients();
    Object.assign(process.env, stack().env);
    resetEnvCache();
    const before = await countRecords();
    // Act
    await seedDemoClinic({
      cognito,
      documents,
      userPoolId: stack().userPoolId,
      appointmentsTable: stack().tables.TABLE_APPOINTMENTS ?? '',
      now: new Date(),
    });
    // Assess
    expect(await countRecords()).toEqual(before);
    const staff = await documents.send(
      new QueryCommand({
        TableName: stack().tables.TABLE_APPOINTMENTS,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': 'USERS' },
      }),
    );
    for (const account of demoAccounts) {
      expect(staff.Items?.filter((i) => i.email === account.email)).toHaveLength(1);
    }
  });

  it('stops every process it started on SIGINT (Ctrl-C), leaving no java or python behind', async () => {
    // Prepare: a second stack of its own, on free ports, beside the one the tests use.
    const second = await startStackProcess({ buildWeb: false });
    const dynamoPid = Number(
      spawnSync('pgrep', ['-f', `DynamoDBLocal.jar.*-port ${new URL(second.info.dynamoUrl).port}`])
        .stdout.toString()
        .trim(),
    );
    const motoPid = Number(
      spawnSync('pgrep', ['-f', `moto_server -H 127.0.0.1 -p ${new URL(second.info.motoUrl).port}`])
        .stdout.toString()
        .trim()
        .split('\n')[0],
    );
    expect(dynamoPid).toBeGreaterThan(0);
    expect(motoPid).toBeGreaterThan(0);
    // Act: a terminal's Ctrl-C reaches the program's process group.
    const exited = new Promise<number | null>((resolve) =>
      second.child.once('exit', (code) => resolve(code)),
    );
    process.kill(-(second.child.pid ?? 0), 'SIGINT');
    const code = await exited;
    // Assess
    expect(code).toBe(0);
    await expect.poll(() => alive(dynamoPid) || alive(motoPid), { timeout: 10_000 }).toBe(false);
    expect((await fetch(second.info.url).catch(() => undefined))?.status).toBeUndefined();
  });

  it('fails at once with a plain message saying what to install when Java is missing', async () => {
    // Act: a PATH with node and nothing else.
    const run = await startWith([process.execPath], { PORT: '0' });
    // Assess
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/java was not found/i);
    expect(run.output).toMatch(/install/i);
    expect(run.ms).toBeLessThan(15_000);
  });

  it('fails at once when moto_server is missing, and leaves no DynamoDB Local running', async () => {
    // Prepare: node and java, but no moto_server.
    const java = which('java');
    const dynamoPort = String(await freePort());
    // Act
    const run = await startWith([process.execPath, java], {
      PORT: '0',
      DYNAMODB_PORT: dynamoPort,
    });
    // Assess
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/moto_server was not found/i);
    expect(run.output).toMatch(/pip install/);
    expect(run.ms).toBeLessThan(15_000);
    expect(pidOf(`DynamoDBLocal.jar.*-port ${dynamoPort}`)).toBe(0);
  });

  it('fails at once, naming the setting, when a port it needs is taken, and starts nothing', async () => {
    // Prepare: someone already listens on the DynamoDB port.
    const taken = createServer();
    const takenPort = await new Promise<number>((resolve) =>
      taken.listen(0, () => resolve((taken.address() as { port: number }).port)),
    );
    const motoPort = String(await freePort());
    try {
      // Act
      const run = await startWith([process.execPath, ...['java', 'moto_server'].map(which)], {
        PORT: String(await freePort()),
        DYNAMODB_PORT: String(takenPort),
        MOTO_PORT: motoPort,
      });
      // Assess
      expect(run.code).toBe(1);
      expect(run.output).toContain(`Port ${takenPort} for DynamoDB Local (DYNAMODB_PORT)`);
      expect(run.ms).toBeLessThan(15_000);
      expect(pidOf(`moto_server -H 127.0.0.1 -p ${motoPort}`)).toBe(0);
      expect(pidOf(`DynamoDBLocal.jar.*-port ${takenPort}`)).toBe(0);
    } finally {
      taken.close();
    }
  });

  it('`npm start` answers health 503 when a service is down, and SIGTERM to npm alone stops it all', async () => {
    // Prepare: `npm start` itself, on ports of its own.
    const [port, dynamoPort, motoPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const npm = spawn('npm', ['start'], {
      env: {
        ...process.env,
        PORT: String(port),
        DYNAMODB_PORT: String(dynamoPort),
        MOTO_PORT: String(motoPort),
        SKIP_WEB_BUILD: '1',
        TELEVISIT_READY_LINE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const ready = await new Promise<{ pid: number; url: string }>((resolve, reject) => {
      npm.stdout.on('data', (c: Buffer) => {
        output += c.toString();
        const line = output.split('\n').find((l) => l.startsWith('TELEVISIT_READY '));
        if (line) resolve(JSON.parse(line.slice('TELEVISIT_READY '.length)));
      });
      npm.once('exit', () => reject(new Error(`npm start exited:\n${output}`)));
    });
    // Should the test fail, stop the stack through its own process, as SIGTERM to it always did.
    onTestFinished(() => {
      if (alive(ready.pid)) process.kill(ready.pid, 'SIGTERM');
    });
    const dynamoPid = pidOf(`DynamoDBLocal.jar.*-port ${dynamoPort}`);
    const motoPid = pidOf(`moto_server -H 127.0.0.1 -p ${motoPort}`);
    expect(dynamoPid).toBeGreaterThan(0);
    expect(motoPid).toBeGreaterThan(0);
    expect((await fetch(`${ready.url}/api/health`)).status).toBe(200);
    // Act 1: moto (Cognito, SES, SNS) goes away.
    process.kill(motoPid, 'SIGKILL');
    // Health is checked at most every 5 s (a public route must not spend the services' rates):
    // the next check after that says so.
    await expect
      .poll(async () => (await fetch(`${ready.url}/api/health`)).status, { timeout: 15_000 })
      .toBe(503);
    const down = await fetch(`${ready.url}/api/health`);
    // Assess 1
    expect(down.status).toBe(503);
    const health = (await down.json()) as { status: string; components: Record<string, string> };
    expect(health.status).toBe('down');
    expect(health.components.cognito).toBe('down');
    expect(health.components.dynamodb).toBe('ok');
    // Act 2: SIGTERM to npm's own process only, as a process manager sends it.
    const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
    npm.kill('SIGTERM');
    await exited;
    // Assess 2
    await expect.poll(() => alive(ready.pid) || alive(dynamoPid), { timeout: 15_000 }).toBe(false);
    expect((await fetch(ready.url).catch(() => undefined))?.status).toBeUndefined();
  });
});
