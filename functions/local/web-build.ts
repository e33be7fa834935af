import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time of any file under `dir` (0 when it does not exist). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Whether web/build is missing or older than the sources it is built from. */
export function webBuildIsStale(webDir: string): boolean {
  const index = join(webDir, 'build', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = Math.max(
    newest(join(webDir, 'src')),
    newest(join(webDir, 'static')),
    ...['svelte.config.js', 'vite.config.ts'].map((f) =>
      existsSync(join(webDir, f)) ? statSync(join(webDir, f)).mtimeMs : 0,
    ),
  );
  return sources > built;
}

/** Builds the web app with Vite, from the project's own binary so nothing is downloaded. */
export function buildWeb(rootDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(rootDir, 'node_modules', '.bin', 'vite'),
      ['build', '--logLevel', 'warn'],
      {
        cwd: join(rootDir, 'web'),
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`web build failed (exit ${code})`)),
    );
  });
}
