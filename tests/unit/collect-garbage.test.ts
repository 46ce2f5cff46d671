import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/io/collect-garbage.js';

describe('collectGarbage', () => {
  it('really collects: an object nothing refers to is gone afterwards', async () => {
    let target: { payload: number[] } | undefined = { payload: new Array(10_000).fill(1) };
    const ref = new WeakRef(target);
    target = undefined;
    // A WeakRef keeps its target alive until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });
});

describe('collectGarbage({ giveBack: true })', () => {
  it('also collects, and on Node 22 and later shrinks the young generation it had let grow', async () => {
    const youngGeneration = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_size;
    let target: { payload: number[] } | undefined = { payload: new Array(10_000).fill(1) };
    const ref = new WeakRef(target);
    target = undefined;
    // Objects that survive a few young collections make V8 grow the young generation.
    let kept: { index: number; text: string }[][] = [];
    for (let round = 0; round < 30; round++) {
      kept.push(Array.from({ length: 100_000 }, (_, index) => ({ index, text: `page ${index}` })));
      if (kept.length > 3) kept.shift();
    }
    kept = [];
    await new Promise((resolve) => setTimeout(resolve, 0));
    const grown = youngGeneration();
    collectGarbage({ giveBack: true });
    expect(ref.deref()).toBeUndefined();
    const major = Number(process.versions.node.split('.')[0]);
    if (major >= 22) expect(youngGeneration()).toBeLessThan(grown / 4);
    else expect(youngGeneration()).toBeLessThanOrEqual(grown);
  });
});
