import { beforeAll } from 'vitest';
import { stack } from './local-stack';

/**
 * Every test file starts at the real time: a file that moves the local stack's clock (to reach
 * a join window, an expiry) must not leave the next file's sign-ins looking hours old to the
 * gateway's token check. The files of a tier share one stack and run in an order of the
 * runner's choosing.
 */
beforeAll(async () => {
  await stack().setClockOffset(0);
});
