import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../functions/local/chime/rate-limiter';

function bucketAt(start = 1_000_000) {
  let now = start;
  const bucket = new TokenBucket({ capacity: 20, perSecond: 10, now: () => now });
  return { bucket, advance: (ms: number) => (now += ms) };
}

function takeAll(bucket: TokenBucket, attempts: number): number {
  let granted = 0;
  for (let i = 0; i < attempts; i++) if (bucket.tryTake()) granted++;
  return granted;
}

describe('Chime API rate limit (token bucket, 10/s, burst 20)', () => {
  it('grants a burst of 20 at once and throttles the 21st', () => {
    const { bucket } = bucketAt();

    const granted = takeAll(bucket, 30);

    expect(granted).toBe(20);
    expect(bucket.tryTake()).toBe(false);
  });

  it('refills at 10 per second on the injected clock', () => {
    const { bucket, advance } = bucketAt();
    takeAll(bucket, 20);

    advance(100);
    const afterTenthOfASecond = takeAll(bucket, 5);
    advance(1_000);
    const afterOneSecond = takeAll(bucket, 50);

    expect(afterTenthOfASecond).toBe(1);
    expect(afterOneSecond).toBe(10);
  });

  it('sustains 10 requests per second indefinitely', () => {
    const { bucket, advance } = bucketAt();
    takeAll(bucket, 20);

    let granted = 0;
    for (let second = 0; second < 60; second++) {
      advance(1_000);
      granted += takeAll(bucket, 15);
    }

    expect(granted).toBe(600);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const { bucket, advance } = bucketAt();

    advance(60 * 60_000);

    expect(bucket.available()).toBe(20);
    expect(takeAll(bucket, 30)).toBe(20);
  });

  it('neither refills nor breaks when the clock is moved back', () => {
    const { bucket, advance } = bucketAt();
    takeAll(bucket, 20);

    advance(-5 * 60_000);
    const rightAfter = takeAll(bucket, 5);
    advance(500);

    expect(rightAfter).toBe(0);
    expect(takeAll(bucket, 10)).toBe(5);
  });
});
