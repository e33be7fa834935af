/**
 * Every Lambda function's bundle, made exactly as `cdk synth` makes it (infra/bundling/bundle.ts):
 * its size (all files, gzip, and the part loaded at start-up), and its cold start: a new Node
 * process importing it, against the same for an empty handler bundled the same way, in the same
 * run. Budgets: 250 KB gzip per function; a cold start at most twice the empty handler's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleFunction } from '../infra/bundling/bundle';
import { median } from './measure';

export const bundleBudgets = { gzipBytes: 250 * 1024, coldStartVsEmpty: 2 };

export const functionEntries = [
  'platform',
  'accounts',
  'scheduling',
  'invitations',
  'visits',
  'realtime',
  'ws-authorizer',
  'meeting-events',
  'visit-news',
  'appointment-notices',
  'first-owner',
  'phone',
  'booking',
  'reminders',
].map((name) => ({ name, entry: `functions/handlers/${name}.ts` }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * The files Node reads before the handler can run: the entry and every chunk it imports
 * statically, followed through chunks that import others. Chunks loaded by `import()` (an SDK
 * client, libphonenumber) are left out: a function loads them when a request needs them.
 */
function startupFiles(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  // Static imports only: `from"./x.mjs"` or a bare `import"./x.mjs"`, never `import("./x.mjs")`.
  for (const [, path] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*"(\.[^"]+\.mjs)"/g))
    if (path) startupFiles(resolve(dirname(file), path), seen);
  return seen;
}

/**
 * Milliseconds from starting a Node process to its having imported the bundle, as Lambda's Node
 * runtime does it: its runtime client loads `http` (to fetch invocations) before it imports the
 * handler, so a function pays for `http` in its init whatever it contains. The empty handler is
 * measured the same way, so the ratio is what a function's own code adds.
 */
function coldStartMs(indexFile: string): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `await import('node:http'); await import(${JSON.stringify(pathToFileURL(indexFile).href)});`,
    ],
    { stdio: 'ignore', env: { PATH: process.env.PATH ?? '' } },
  );
  if (run.status !== 0) throw new Error(`${indexFile} did not load`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export interface BundleFigures {
  name: string;
  gzipBytes: number;
  startupGzipBytes: number;
  rawBytes: number;
  coldStartMs: number;
  coldStartVsEmpty: number;
}

export async function measureBundles(runs = 9): Promise<{
  emptyColdStartMs: number;
  functions: BundleFigures[];
}> {
  const root = mkdtempSync(join(tmpdir(), 'televisit-bundles-'));
  try {
    const built = [];
    for (const { name, entry } of [
      { name: 'empty', entry: 'bench/empty-handler.ts' },
      ...functionEntries,
    ]) {
      const dir = join(root, name);
      await bundleFunction(entry, dir);
      built.push({ name, dir });
    }
    // Interleaved, so a busy moment of the machine falls on every bundle alike.
    const times = new Map<string, number[]>(built.map((b) => [b.name, []]));
    for (let i = 0; i < runs; i += 1)
      for (const b of built) times.get(b.name)?.push(coldStartMs(join(b.dir, 'index.mjs')));
    const empty = median(times.get('empty') ?? []);
    const functions = built
      .filter((b) => b.name !== 'empty')
      .map((b): BundleFigures => {
        const files = filesUnder(b.dir);
        const cold = median(times.get(b.name) ?? []);
        return {
          name: b.name,
          gzipBytes: files.reduce((s, f) => s + gzipSync(readFileSync(f)).length, 0),
          startupGzipBytes: [...startupFiles(join(b.dir, 'index.mjs'))].reduce(
            (sum, f) => sum + gzipSync(readFileSync(f)).length,
            0,
          ),
          rawBytes: files.reduce((s, f) => s + readFileSync(f).length, 0),
          coldStartMs: Math.round(cold),
          coldStartVsEmpty: Number((cold / empty).toFixed(2)),
        };
      });
    return { emptyColdStartMs: Math.round(empty), functions };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bundles.ts')) {
  const figures = await measureBundles(Number(process.env.BENCH_RUNS ?? 9));
  console.log(`empty handler cold start: ${figures.emptyColdStartMs} ms`);
  for (const f of figures.functions)
    console.log(
      `${f.name.padEnd(15)} ${(f.gzipBytes / 1024).toFixed(0).padStart(4)} KB gzip (${(f.startupGzipBytes / 1024).toFixed(0)} KB at start-up)  cold start ${f.coldStartMs} ms = ${f.coldStartVsEmpty} x`,
    );
}
