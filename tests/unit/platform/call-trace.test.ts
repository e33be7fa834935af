import { describe, expect, it } from 'vitest';
import {
  recordCall,
  sequentialDepth,
  type TracedCall,
  traceCalls,
} from '../../../functions/platform/call-trace';

const call = (start: number, end: number): TracedCall => ({
  service: 'dynamodb',
  operation: 'GetItem',
  start,
  end,
});

describe('counting round trips', () => {
  it('counts calls made in parallel once and calls made one after another each', () => {
    expect(sequentialDepth([])).toBe(0);
    expect(sequentialDepth([call(0, 10), call(1, 9), call(2, 12)])).toBe(1);
    expect(sequentialDepth([call(0, 10), call(10, 20), call(21, 30)])).toBe(3);
    // Two chains: reads in parallel, then a write after the slower read.
    expect(sequentialDepth([call(0, 5), call(0, 8), call(8, 12), call(6, 9)])).toBe(2);
  });

  it('records the calls of the work it wraps, and none outside it', async () => {
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await recordCall('dynamodb', 'GetItem', () => pause(1));
    const { calls, result } = await traceCalls(async () => {
      await Promise.all([
        recordCall('dynamodb', 'GetItem', () => pause(5)),
        recordCall('dynamodb', 'Query', () => pause(5)),
      ]);
      await recordCall('dynamodb', 'TransactWriteItems', () => pause(5));
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls.map((c) => c.operation).sort()).toEqual([
      'GetItem',
      'Query',
      'TransactWriteItems',
    ]);
    expect(sequentialDepth(calls)).toBe(2);
  });
});
