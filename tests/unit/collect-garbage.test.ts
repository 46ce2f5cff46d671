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
