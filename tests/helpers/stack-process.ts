import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

/** What a test knows about the running local stack. */
export interface StackInfo {
  url: string;
  dynamoUrl: string;
  motoUrl: string;
  userPoolId: string;
  userPoolClientId: string;
  tables: Record<string, string>;
  /** The handlers' environment, for tests that run domain code against the same servers. */
  env: Record<string, string>;
  pid: number;
  /** The emulators' processes, to stall (SIGSTOP) or kill one in a test. */
  pids: { dynamodb: number; moto: number };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object'
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts `npm start`'s program on free ports in a child process (so tests can run while a
 * developer's own `npm start` is up) and waits for its ready line.
 */
export async function startStackProcess(options: {
  buildWeb: boolean;
  /** Without the demo clinic: nothing has used the link secret or made a meeting yet. */
  seed?: boolean;
}): Promise<{ info: StackInfo; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  // Emulator ports of a developer's shell would collide with their own `npm start`.
  const { DYNAMODB_PORT: _dynamo, MOTO_PORT: _moto, ...inherited } = process.env;
  // Node itself with tsx's loader, not the tsx command: the command is a wrapper process that
  // died on SIGTERM before the stack inside it had stopped its emulators.
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/start.ts'], {
    env: {
      ...inherited,
      PORT: String(port),
      TELEVISIT_READY_LINE: '1',
      SKIP_WEB_BUILD: options.buildWeb ? '0' : '1',
      SEED: options.seed === false ? '0' : '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const log: string[] = [];
  const info = await new Promise<StackInfo>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The local stack did not start within 150 s:\n${log.join('')}`)),
      150_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      log.push(text);
      const line = text.split('\n').find((l) => l.startsWith('TELEVISIT_READY '));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('TELEVISIT_READY '.length)) as StackInfo);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    // STACK_LOG=path keeps everything the stack prints, for looking into a failing test.
    if (process.env.STACK_LOG) {
      const file = createWriteStream(process.env.STACK_LOG, { flags: 'a' });
      child.stdout?.pipe(file);
      child.stderr?.pipe(file);
    }
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(`The local stack exited (code ${code}) before it was ready:\n${log.join('')}`),
      );
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    info,
    child,
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(
          () => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'),
          10_000,
        );
        await exited;
        clearTimeout(timer);
      }
      // The emulators run in process groups of their own; whatever happened to the stack,
      // none of them may outlive it.
      for (const pid of [info.pids.dynamodb, info.pids.moto]) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
}
