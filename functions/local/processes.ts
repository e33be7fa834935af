import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';

/** A child process we started; stopping it stops its whole process group. */
export interface Managed {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export class MissingToolError extends Error {
  override readonly name = 'MissingToolError';
}

/**
 * Fails at once, with what to install, when a program the local stack runs is missing. A program
 * that is there but slow to answer its version (a busy machine) is not missing: it is used.
 */
export function requireTool(
  command: string,
  args: string[],
  howToInstall: string,
  timeoutMs = 20_000,
): void {
  const probe = spawnSync(command, args, { stdio: 'ignore', timeout: timeoutMs });
  const code = (probe.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'EACCES')
    throw new MissingToolError(`${command} was not found. ${howToInstall}`);
  if (code === 'ETIMEDOUT' || probe.signal) return;
  if (probe.error) throw probe.error;
}

/**
 * How much longer than usual things take now: the load average per core, at least 1 and at
 * most 4. Start-up waits are stretched by it, so a busy machine is waited for, not failed.
 */
export function busyFactor(): number {
  return Math.min(4, Math.max(1, (loadavg()[0] ?? 0) / Math.max(1, cpus().length)));
}

/** Starts a program in its own process group, so that stop() leaves nothing behind. */
export function startProcess(name: string, command: string, args: string[], cwd?: string): Managed {
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  return {
    name,
    child,
    async stop() {
      if (exited || child.pid === undefined) return;
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(
        () => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'),
        3000,
      );
      await exit;
      clearTimeout(timer);
    },
    toString: () => output.join(''),
  } as Managed;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone: nothing to stop.
  }
}

/** Kills every process group synchronously; for process 'exit', where nothing can be awaited. */
export function killNow(processes: readonly Managed[]): void {
  for (const p of processes) if (p.child.pid !== undefined) killGroup(p.child.pid, 'SIGKILL');
}

/** A TCP port nobody is listening on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** Fails at once, naming the setting, when something already listens on `port`. */
export function ensurePortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(`Port ${port} for ${what} is already in use: choose another.`)
          : error,
      ),
    );
    // No host: taken on any address (Java binds all of them) counts as taken.
    server.listen(port, () => server.close(() => resolve()));
  });
}

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

/**
 * Polls `check` until it resolves, or fails with the process's output after `timeoutMs`,
 * stretched while the machine is busy (busyFactor), saying how long it waited and how busy the
 * machine was. A process that exits fails at once, with its output.
 */
export async function waitUntil(
  what: string,
  check: () => Promise<unknown>,
  timeoutMs: number,
  managed?: Managed,
): Promise<void> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < timeoutMs * busyFactor()) {
    if (managed && managed.child.exitCode !== null) {
      throw new Error(`${what} exited early (code ${managed.child.exitCode}):\n${String(managed)}`);
    }
    try {
      await check();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  const waited = ((Date.now() - started) / 1000).toFixed(0);
  const load = (loadavg()[0] ?? 0).toFixed(1);
  throw new Error(
    `${what} is running but did not answer within ${waited} s (load average ${load} on ${cpus().length} cores): ${String(lastError)}\n${managed ? String(managed) : ''}`,
  );
}
