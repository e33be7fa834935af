import { describe, expect, it } from 'vitest';
import {
  busyFactor,
  MissingToolError,
  requireTool,
  startProcess,
  waitUntil,
} from '../../../functions/local/processes';

describe('starting the local stack on a busy machine', () => {
  it('calls a missing program missing, with what to install', () => {
    expect(() => requireTool('televisit-no-such-tool', ['--version'], 'Install it.')).toThrow(
      MissingToolError,
    );
  });

  it('uses a program that is there but slow to answer, instead of calling it missing', () => {
    expect(() => requireTool('sleep', ['5'], 'Install it.', 200)).not.toThrow();
  });

  it('stretches its waits by how busy the machine is, within 1 to 4 times', () => {
    expect(busyFactor()).toBeGreaterThanOrEqual(1);
    expect(busyFactor()).toBeLessThanOrEqual(4);
  });

  it('says a process that never answers is running, how long it waited and how busy it was', async () => {
    const managed = startProcess('sleeper', 'sleep', ['30']);
    try {
      const failed = await waitUntil(
        'The sleeper',
        () => Promise.reject(new Error('no answer')),
        300,
        managed,
      ).catch((e: unknown) => e);
      expect(String(failed)).toMatch(
        /The sleeper is running but did not answer within \d+ s \(load average [\d.]+ on \d+ cores\): Error: no answer/,
      );
    } finally {
      await managed.stop();
    }
  });

  it('says at once that a process exited, with its output', async () => {
    const managed = startProcess('quitter', 'sh', ['-c', 'echo broken; exit 3']);
    await new Promise((r) => managed.child.once('exit', r));
    const failed = await waitUntil(
      'The quitter',
      () => Promise.reject(new Error('x')),
      10_000,
      managed,
    ).catch((e: unknown) => e);
    expect(String(failed)).toMatch(/The quitter exited early \(code 3\):\s+broken/);
  });
});
