import { describe, expect, it } from 'vitest';
import { ActiveSpeaker } from '../../../web/src/lib/media/active-speaker';

/** Feeds `samples` (everyone's levels every 100 ms) and returns who had the floor after each. */
function run(samples: Record<string, number>[]): (string | null)[] {
  const speaker = new ActiveSpeaker();
  return samples.map((levels, i) => speaker.update(new Map(Object.entries(levels)), i * 100));
}

const repeat = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

describe('who has the floor', () => {
  it('nobody until someone has sounded for a moment; a cough does not count', () => {
    const floor = run([{ ann: 0.9, bo: 0 }, { ann: 0, bo: 0 }, ...repeat(5, { ann: 0, bo: 0.6 })]);
    expect(floor.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(floor.at(-1)).toBe('bo');
  });

  it('keeps the speaker through a short overlap, and hands over once they have stopped', () => {
    const floor = run([
      ...repeat(6, { ann: 0.7, bo: 0 }),
      ...repeat(4, { ann: 0.7, bo: 0.9 }), // Bo talks over Ann: Ann keeps the floor
      ...repeat(10, { ann: 0, bo: 0.8 }), // Ann stops: Bo takes it after Ann's quiet spell
    ]);
    expect(floor[5]).toBe('ann');
    expect(floor[9]).toBe('ann');
    expect(floor.at(-1)).toBe('bo');
  });

  it('keeps the last speaker through silence, and lets go of someone who left', () => {
    const floor = run([
      ...repeat(5, { ann: 0.7, bo: 0 }),
      ...repeat(20, { ann: 0, bo: 0 }),
      { bo: 0 },
    ]);
    expect(floor[24]).toBe('ann');
    expect(floor.at(-1)).toBeNull();
  });
});
