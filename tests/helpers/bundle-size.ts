import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const buildDir = join(process.cwd(), 'web', 'build');

/** Static imports of a built module (`import "./x.js"`, `from "./x.js"`); `import()` is lazy. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)].map((m) =>
    resolve(dirname(file), m[1] ?? ''),
  );
}

/**
 * The JavaScript a first visit to a route downloads, from the build output (web/build):
 * SvelteKit's two entries (index.html), the root layout, the route's layouts and page, and
 * everything they import statically. Dynamic imports (loaded later, on demand) are left out.
 * Sizes are gzip at the default level, as a CDN would send them.
 */
export function initialJs(route: string): { files: string[]; gzipBytes: number } {
  const index = readFileSync(join(buildDir, 'index.html'), 'utf8');
  // The start-up script is a file of its own (scripts/externalize-web-boot.ts): it names the entries.
  const boot = /<script src="(\/_app\/immutable\/entry\/boot\.[^"]+\.js)">/.exec(index)?.[1];
  if (!boot) throw new Error('index.html names no start-up script');
  const bootFile = join(buildDir, boot);
  const bootText = readFileSync(bootFile, 'utf8');
  const entries = [...bootText.matchAll(/import\("(\/_app\/immutable\/entry\/[^"]+\.js)"\)/g)].map(
    (m) => join(buildDir, m[1] ?? ''),
  );
  const app = entries.find((e) => /\/app\.[^/]+\.js$/.test(e));
  if (!app || entries.length !== 2) throw new Error('index.html names no SvelteKit entries');
  const appText = readFileSync(app, 'utf8');
  const nodeFile = new Map(
    [...appText.matchAll(/nodes\/(\d+)\.[\w-]+\.js/g)].map((m) => [
      Number(m[1]),
      join(buildDir, '_app', 'immutable', m[0]),
    ]),
  );
  const escaped = route.replace(/[[\]/]/g, (c) => `\\${c}`);
  const found = new RegExp(`"${escaped}":(\\[[^\\]]*\\]\\]?)`).exec(appText);
  if (!found?.[1]) throw new Error(`No route ${route} in the build`);
  const nodes = [0, ...[...found[1].matchAll(/-?\d+/g)].map((m) => Math.abs(Number(m[0])))];
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of staticImports(file)) visit(next);
  };
  for (const file of [bootFile, ...entries, ...nodes.map((n) => nodeFile.get(n) ?? '')]) {
    if (!file) throw new Error(`A node of ${route} is missing from the build`);
    visit(file);
  }
  const files = [...seen];
  const gzipBytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);
  return { files, gzipBytes };
}

/**
 * Whether web/build is a development build: Svelte's dev mode names each component's file.
 * Vite builds one when NODE_ENV is not `production` (vitest sets it to `test`), so such a
 * build says nothing about what clinics' browsers download.
 */
export function isDevelopmentBuild(): boolean {
  const index = readFileSync(join(buildDir, 'index.html'), 'utf8');
  const app = /import\("(\/_app\/immutable\/entry\/app\.[^"]+\.js)"\)/.exec(index)?.[1];
  const layout = app && /nodes\/0\.[\w-]+\.js/.exec(readFileSync(join(buildDir, app), 'utf8'));
  if (!layout) return false;
  return /\.svelte[`"']/.test(readFileSync(join(buildDir, '_app', 'immutable', layout[0]), 'utf8'));
}
