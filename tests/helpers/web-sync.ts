import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Unit tests import web/ modules, and web/tsconfig.json extends the file SvelteKit writes into
 * web/.svelte-kit: on a fresh clone it is not there until `svelte-kit sync` runs, and every
 * such test file fails to load. Written once before the tier.
 */
export default function setup(): void {
  const web = join(process.cwd(), 'web');
  if (existsSync(join(web, '.svelte-kit', 'tsconfig.json'))) return;
  const sync = spawnSync(join('..', 'node_modules', '.bin', 'svelte-kit'), ['sync'], {
    cwd: web,
    stdio: 'inherit',
  });
  if (sync.status !== 0) throw new Error(`svelte-kit sync failed (exit ${sync.status})`);
}
