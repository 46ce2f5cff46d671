import { afterEach, describe, expect, it, vi } from 'vitest';

// The flag itself cannot be read back from V8, so what is asked of it is recorded instead.
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:v8')>()), setFlagsFromString: vi.fn() }));

const { setFlagsFromString } = await import('node:v8');
const { scavengeWithoutHelpers } = await import('../../src/io/collect-garbage.js');
const flagsSet = () => vi.mocked(setFlagsFromString).mock.calls.map(([flag]) => flag);

afterEach(() => {
  vi.mocked(setFlagsFromString).mockClear();
});

describe('scavengeWithoutHelpers', () => {
  it('turns the helpers off once for overlapping pools, and back on when the last one is done', () => {
    const first = scavengeWithoutHelpers();
    const second = scavengeWithoutHelpers();
    expect(flagsSet()).toEqual(['--no-parallel-scavenge']);
    first();
    first(); // a pool that fails and is then closed restores twice: counted once
    expect(flagsSet()).toEqual(['--no-parallel-scavenge']);
    second();
    expect(flagsSet()).toEqual(['--no-parallel-scavenge', '--parallel-scavenge']);
  });

  it('leaves the flag alone when node was started with a garbage collection flag of its own', () => {
    process.execArgv.push('--single-threaded-gc');
    try {
      scavengeWithoutHelpers()();
      expect(flagsSet()).toEqual([]);
    } finally {
      process.execArgv.pop();
    }
  });
});
