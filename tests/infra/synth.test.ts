import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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
        'Televisit-Messaging',
        'Televisit-Realtime',
        'Televisit-Web',
      ].sort(),
    );
  }, 120_000);
});
