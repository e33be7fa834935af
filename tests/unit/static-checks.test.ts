import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = (name: string) => join(process.cwd(), 'node_modules', '.bin', name);

function run(command: string, args: string[], cwd = process.cwd()) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The strict compiler and the linter are part of the test run: a type error is a failure. */
describe('static checks', { timeout: 120_000 }, () => {
  it('type-checks the functions, infra, tests and scripts (strict, noUncheckedIndexedAccess)', () => {
    const { status, output } = run(bin('tsc'), ['-p', 'tsconfig.json']);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('type-checks the web app TypeScript', () => {
    expect(run(bin('svelte-kit'), ['sync'], 'web').status).toBe(0);
    const { status, output } = run(bin('tsc'), ['-p', 'tsconfig.json'], 'web');
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('passes Biome (lint and format, kebab-case file names)', () => {
    const { status, output } = run(bin('biome'), ['check', '.']);
    expect(status, output).toBe(0);
  });
});
