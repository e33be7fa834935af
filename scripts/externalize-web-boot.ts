import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Moves SvelteKit's inline start-up script out of the built index.html into a file of its own
 * under /_app/immutable/, so the Content-Security-Policy can say `script-src 'self'` with no
 * exception (infra/schema/web-headers.ts): no inline script runs, injected or not. The script
 * reads `document.currentScript.parentElement`, which a classic script from a file has too.
 *
 * Usage (after `vite build`; `npm run build:web` and the local stack's build both run it):
 *   tsx scripts/externalize-web-boot.ts web/build
 */
export function externalizeBoot(buildDir: string): void {
  const page = join(buildDir, 'index.html');
  const html = readFileSync(page, 'utf8');
  let moved = 0;
  const rewritten = html.replace(/<script>([\s\S]*?)<\/script>/g, (_all, body: string) => {
    const name = `boot.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.js`;
    writeFileSync(join(buildDir, '_app', 'immutable', 'entry', name), body);
    moved += 1;
    return `<script src="/_app/immutable/entry/${name}"></script>`;
  });
  if (moved === 0 && !html.includes('/_app/immutable/entry/boot.'))
    throw new Error(`${page} has no start-up script: has SvelteKit's output changed?`);
  writeFileSync(page, rewritten);
}

if (process.argv[1]?.endsWith('externalize-web-boot.ts')) {
  const [buildDir] = process.argv.slice(2);
  if (!buildDir) throw new Error('usage: externalize-web-boot.ts <build directory>');
  externalizeBoot(buildDir);
}
