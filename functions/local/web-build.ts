import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { externalizeBoot } from '../../scripts/externalize-web-boot';

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

/** Written into web/build by buildWeb: which build this is, and when. */
const builtMarker = '.televisit-build.json';

/** Whether web/build is missing or older than the sources it is built from. */
export function webBuildIsStale(webDir: string): boolean {
  const marker = join(webDir, 'build', builtMarker);
  // Only a build made here (for production) counts: a development build (NODE_ENV=test) is stale.
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
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
        // A test runner sets NODE_ENV=test, which would give Svelte's development build: always ship production.
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`web build failed (exit ${code})`));
      externalizeBoot(join(rootDir, 'web', 'build'));
      writeFileSync(
        join(rootDir, 'web', 'build', builtMarker),
        JSON.stringify({ mode: 'production', at: new Date().toISOString() }),
      );
      resolve();
    });
  });
}
