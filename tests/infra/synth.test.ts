import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../infra/paths';

const outdir = mkdtempSync(join(tmpdir(), 'televisit-synth-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/**
 * The gate the other infra tests leave out: the real `cdk synth` from cdk.json, with esbuild
 * bundling, the web build and both cdk-nag packs as validation plugins, offline and without
 * credentials (the CLI finds none here and needs none).
 */
describe('cdk synth', () => {
  it('synthesizes every stack with bundled functions and no validation failure', async () => {
    // A failing synth (bundling error, nag finding) rejects with the CLI's output as the message.
    await promisify(execFile)(
      join(repositoryRoot, 'node_modules', '.bin', 'cdk'),
      ['synth', '--quiet', '--output', outdir],
      { cwd: repositoryRoot, env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
    );
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    const stacks = Object.entries(manifest.artifacts as Record<string, { type: string }>)
      .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
      .map(([name]) => name)
      .sort();
    expect(stacks).toEqual(
      [
        'Televisit-Api',
        'Televisit-Auth',
        'Televisit-Data',
        'Televisit-Edge',
        'Televisit-Messaging',
        'Televisit-Realtime',
        'Televisit-Web',
      ].sort(),
    );
    // Every function's code, all its files together, within the budget: 250 KB gzip.
    const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    const functions = assets.filter((name) => existsSync(join(outdir, name, 'index.mjs')));
    expect(functions.length).toBeGreaterThanOrEqual(9);
    for (const asset of functions) {
      const gzip = filesUnder(join(outdir, asset)).reduce(
        (sum, file) => sum + gzipSync(readFileSync(file)).length,
        0,
      );
      expect(gzip, asset).toBeLessThanOrEqual(250 * 1024);
      expect(
        filesUnder(join(outdir, asset)).some((f) => f.endsWith('.map')),
        asset,
      ).toBe(false);
    }
  }, 180_000);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
