import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Managed, requireTool, startProcess, waitUntil } from './processes';

const require = createRequire(import.meta.url);

/** Fails at once, saying what to install, when Java or moto_server is missing. */
export function requireEmulatorTools(): void {
  requireTool(
    'java',
    ['-version'],
    'DynamoDB Local needs Java 17 or newer: install it (Debian: apt-get install -y openjdk-17-jre-headless).',
  );
  requireTool(
    'moto_server',
    ['--help'],
    "Cognito, SES, SNS and KMS run locally on moto_server: install it with pip install 'moto[server]' (version 5.2 or newer).",
  );
}

/**
 * DynamoDB Local: AWS's own emulator, the jar shipped inside `amplify-dynamodb-simulator`.
 * `track` gets the process as soon as it is spawned, before it answers.
 */
export async function startDynamoDbLocal(
  port: number,
  track: (child: Managed) => void,
): Promise<Managed> {
  const emulator = join(
    dirname(require.resolve('amplify-dynamodb-simulator/package.json')),
    'emulator',
  );
  const managed = startProcess(
    'dynamodb-local',
    'java',
    [
      `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`,
      '-Xmx512m',
      '-jar',
      join(emulator, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-sharedDb',
      '-port',
      String(port),
      '-disableTelemetry',
    ],
    // DynamoDB Local writes a metadata file into its working directory: keep it out of the repo.
    mkdtempSync(join(tmpdir(), 'televisit-dynamodb-')),
  );
  track(managed);
  // Any HTTP answer (DynamoDB Local says 400 to a bare GET) means it is listening.
  await waitUntil('DynamoDB Local', () => fetch(`http://127.0.0.1:${port}/`), 30_000, managed);
  return managed;
}

/** moto_server: Cognito, SES, SNS and KMS speaking the AWS APIs. */
export async function startMoto(port: number, track: (child: Managed) => void): Promise<Managed> {
  const managed = startProcess('moto_server', 'moto_server', [
    '-H',
    '127.0.0.1',
    '-p',
    String(port),
  ]);
  track(managed);
  await waitUntil(
    'moto_server',
    async () => {
      const response = await fetch(`http://127.0.0.1:${port}/moto-api/data.json`);
      if (!response.ok) throw new Error(`status ${response.status}`);
    },
    30_000,
    managed,
  );
  return managed;
}
