/**
 * A token bucket on an injected clock: `capacity` requests at once, refilled at `perSecond`.
 * Chime's documented API rate is 10 requests/s with a burst of 20, across the account's calls;
 * keeping it locally means code that would be throttled in AWS is throttled here too.
 *
 * @example
 * const bucket = new TokenBucket({ capacity: 20, perSecond: 10, now: () => Date.now() });
 * if (!bucket.tryTake()) throw throttled();
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;
  private readonly perSecond: number;
  private readonly now: () => number;

  constructor(options: { capacity: number; perSecond: number; now: () => number }) {
    this.capacity = options.capacity;
    this.perSecond = options.perSecond;
    this.now = options.now;
    this.tokens = options.capacity;
    this.last = options.now();
  }

  /** Takes one token if there is one; false means the request must be throttled. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whole tokens left now (for tests and diagnostics). */
  available(): number {
    this.refill();
    return Math.floor(this.tokens);
  }

  private refill(): void {
    const now = this.now();
    // The local clock can be moved back (POST /_local/clock); time running backwards must not
    // drain or overfill the bucket, so it only restarts the measurement.
    const elapsedMs = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs * this.perSecond) / 1000);
  }
}
