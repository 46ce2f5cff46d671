import { describe, expect, it } from 'vitest';
import { similarityAtLeast } from '../../src/core/check/check-doorways.js';

/** Shared over all, by the plain merge the early-stopping one must agree with. */
function jaccard(a: Uint32Array, b: Uint32Array): number {
  const inA = new Set(a);
  const shared = [...b].filter((value) => inA.has(value)).length;
  const union = a.length + b.length - shared;
  return union === 0 ? 1 : shared / union;
}

const sorted = (values: number[]) => Uint32Array.from(new Set(values)).sort();

describe('similarityAtLeast', () => {
  it('gives the exact similarity of a pair at or over the threshold, and -1 under it', () => {
    const a = sorted([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // 8 shared of 10 in all: exactly 0.8.
    expect(similarityAtLeast(a, sorted([1, 2, 3, 4, 5, 6, 7, 8, 10]), 0.8)).toBe(0.8);
    expect(similarityAtLeast(a, sorted([0, 2, 3, 4, 5, 6, 7, 8, 10]), 0.8)).toBe(-1);
    expect(similarityAtLeast(a, a, 0.8)).toBe(1);
    expect(similarityAtLeast(sorted([]), sorted([]), 0.8)).toBe(1);
    expect(similarityAtLeast(a, sorted([100, 200]), 0.8)).toBe(-1);
  });

  it('agrees with a plain Jaccard similarity on thousands of random pairs', () => {
    let seed = 7;
    const random = (below: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % below;
    };
    let over = 0;
    for (let pair = 0; pair < 5000; pair++) {
      const base = Array.from({ length: 1 + random(300) }, () => random(100_000));
      // The second set keeps most of the first (how many varies), and adds a few of its own.
      const kept = base.filter(() => random(100) >= random(40));
      const b = sorted([...kept, ...Array.from({ length: random(30) }, () => random(100_000))]);
      const a = sorted(base);
      const exact = jaccard(a, b);
      if (exact >= 0.8) over++;
      expect(similarityAtLeast(a, b, 0.8)).toBe(exact >= 0.8 ? exact : -1);
    }
    // Both sides of the threshold were tried.
    expect(over).toBeGreaterThan(100);
    expect(over).toBeLessThan(4900);
  });
});
