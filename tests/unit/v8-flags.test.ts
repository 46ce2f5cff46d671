import { afterEach, describe, expect, it, vi } from 'vitest';

// A flag cannot be read back from V8, so what is asked of it is recorded instead.
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:v8')>()), setFlagsFromString: vi.fn() }));

const { setFlagsFromString } = await import('node:v8');
const { holdV8Flag } = await import('../../src/io/v8-flags.js');
const flagsSet = () => vi.mocked(setFlagsFromString).mock.calls.map(([flag]) => flag);

afterEach(() => {
  vi.mocked(setFlagsFromString).mockClear();
});

describe('holdV8Flag', () => {
  it('sets a flag once for overlapping holders, and gives the default back when the last one lets go', () => {
    const first = holdV8Flag('--no-parallel-scavenge');
    const second = holdV8Flag('--no-parallel-scavenge');
    const other = holdV8Flag('--no-allocation-site-pretenuring');
    expect(flagsSet()).toEqual(['--no-parallel-scavenge', '--no-allocation-site-pretenuring']);
    first();
    first(); // a pool that fails and is then closed lets go twice: counted once
    other();
    expect(flagsSet()).toEqual(['--no-parallel-scavenge', '--no-allocation-site-pretenuring', '--allocation-site-pretenuring']);
    second();
    expect(flagsSet().at(-1)).toBe('--parallel-scavenge');
    expect(flagsSet()).toHaveLength(4);
  });

  it('leaves a flag alone that node was started with, in either form and spelling', () => {
    for (const given of ['--parallel-scavenge', '--no-parallel-scavenge', '--no_parallel_scavenge']) {
      process.execArgv.push(given);
      try {
        holdV8Flag('--no-parallel-scavenge')();
        expect(flagsSet(), given).toEqual([]);
      } finally {
        process.execArgv.pop();
      }
    }
    process.execArgv.push('--single-threaded-gc');
    try {
      holdV8Flag('--no-parallel-scavenge', ['single-threaded-gc'])();
      expect(flagsSet()).toEqual([]);
    } finally {
      process.execArgv.pop();
    }
    process.execArgv.push('--no-parallel-scavenge');
    try {
      holdV8Flag('--no-allocation-site-pretenuring')();
      expect(flagsSet()).toEqual(['--no-allocation-site-pretenuring', '--allocation-site-pretenuring']);
    } finally {
      process.execArgv.pop();
    }
  });
});
