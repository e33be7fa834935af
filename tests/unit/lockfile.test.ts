import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
}

describe('the lock file', () => {
  it('lists every optional dependency of every package, so `npm ci` accepts it on any machine', () => {
    // Prepare: npm ci refuses a lock that misses an optional platform package, even one it
    // would skip. Some of them (Biome's for other systems) are listed by hand; keep them there.
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, LockEntry>;
    };
    const missing: string[] = [];
    // Act
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
        const nested = lock.packages[`${path}/node_modules/${name}`];
        const hoisted = lock.packages[`node_modules/${name}`];
        const found = nested ?? hoisted;
        if (!found) missing.push(`${name}@${range} (for ${path || 'the project'})`);
      }
    }
    // Assess
    expect(missing).toEqual([]);
  });
});
