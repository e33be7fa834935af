import { logger } from '../../platform/logger';
import { type LambdaHandler, lambdaContext } from './lambdas';

/**
 * What the scheduled rule does in AWS: invokes the reminders function every minute. Here it
 * runs every few seconds of real time, and the function reads the movable local clock, so a
 * test that moves the clock sees its reminders within seconds; `runNow` (POST
 * /_local/scheduler/run) runs a sweep at once and answers with its result. Sweeps may overlap,
 * as two invocations may in AWS: the reminders' claims keep each one to a single send.
 */
export function startScheduler(load: () => Promise<{ handler: LambdaHandler }>, everyMs = 5_000) {
  const run = async () => {
    const { handler } = await load();
    return handler(
      { source: 'aws.events', 'detail-type': 'Scheduled Event' },
      lambdaContext('reminders', crypto.randomUUID(), 60_000),
    );
  };
  // Timed sweeps still running. A timed sweep may have claimed a reminder and not sent it yet;
  // `runNow` waits for them, before and after its own, so whoever asked for a sweep finds
  // everything that was due already sent (its own sweep would skip a reminder claimed by them).
  const ticking = new Set<Promise<unknown>>();
  const settleTicks = () => Promise.allSettled([...ticking]);
  const timer = setInterval(() => {
    const tick = run().catch((error: unknown) =>
      logger.warn('scheduled sweep failed', {
        errorName: error instanceof Error ? error.name : 'unknown',
      }),
    );
    ticking.add(tick);
    void tick.finally(() => ticking.delete(tick));
  }, everyMs);
  timer.unref();
  const runNow = async () => {
    await settleTicks();
    const result = await run();
    await settleTicks();
    return result;
  };
  return { runNow, stop: () => clearInterval(timer) };
}
