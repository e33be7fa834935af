import { randomUUID } from 'node:crypto';
import { clock } from '../../platform/clock';

/** What every context's domain code gets: the clock and new ids. */
export const common = {
  now: clock.now,
  newId: () => randomUUID(),
};
