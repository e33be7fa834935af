import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { demoAccounts, seedDemoClinic } from '../../functions/local/seed';
import { resetEnvCache } from '../../functions/platform/env';
import { localClients } from '../helpers/aws';
import { stack } from '../helpers/local-stack';
import { startStackProcess } from '../helpers/stack-process';

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
    // Prepare: a PATH with node and nothing else.
    const bin = mkdtempSync(join(tmpdir(), 'televisit-path-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const started = Date.now();
    // Act
    const run = spawn(join('node_modules', '.bin', 'tsx'), ['functions/local/start.ts'], {
      env: { ...process.env, PATH: bin, PORT: '0', SKIP_WEB_BUILD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    run.stdout.on('data', (c: Buffer) => (output += c.toString()));
    run.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
    // Assess
    expect(code).toBe(1);
    expect(output).toMatch(/java was not found/i);
    expect(output).toMatch(/install/i);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
