/**
 * The one source of "now" for domain and handler code. In AWS it is the system clock; the
 * local stack can move it (POST /_local/clock) so that tests and demos can reach a launch
 * window or let a meeting expire without waiting.
 */
let offsetMs = 0;

export const clock = {
  nowMs: (): number => Date.now() + offsetMs,
  now: (): Date => new Date(Date.now() + offsetMs),
  nowSeconds: (): number => Math.floor((Date.now() + offsetMs) / 1000),
  offsetMs: (): number => offsetMs,
  /** Local mode only: shift every later reading by `ms` from the system clock. */
  setOffsetMs: (ms: number): void => {
    offsetMs = ms;
  },
};

export type Clock = typeof clock;
