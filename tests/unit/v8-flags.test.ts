import { afterEach, describe, expect, it, vi } from 'vitest';

// A flag cannot be read back from V8, so what is asked of it is recorded instead.
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:v8')>()), setFlagsFromString: vi.fn() }));

const { setFlagsFromString } = await import('node:v8');
const { heldV8Flags, holdV8Flag, holdV8Setting, reapplyHeldV8Flags, v8FlagsSettable } = await import('../../src/io/v8-flags.js');
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
    expect(heldV8Flags().sort()).toEqual(['--no-allocation-site-pretenuring', '--no-parallel-scavenge']);
    first();
    first(); // a pool that fails and is then closed lets go twice: counted once
    other();
    expect(flagsSet()).toEqual(['--no-parallel-scavenge', '--no-allocation-site-pretenuring', '--allocation-site-pretenuring']);
    second();
    expect(flagsSet().at(-1)).toBe('--parallel-scavenge');
    expect(flagsSet()).toHaveLength(4);
    expect(heldV8Flags()).toEqual([]);
  });

  it('leaves a flag alone that node was started with, in any spelling V8 accepts', () => {
    for (const given of ['--parallel-scavenge', '--no-parallel-scavenge', '--no_parallel_scavenge', '--noparallel-scavenge', '-no-parallel-scavenge']) {
      process.execArgv.push(given);
      try {
        holdV8Flag('--no-parallel-scavenge')();
        expect(flagsSet(), given).toEqual([]);
      } finally {
        process.execArgv.pop();
      }
    }
  });

  it('leaves a flag alone when node was started with a flag that implies it, or with contradictory flags fatal', () => {
    for (const given of ['--single-threaded-gc', '--single_threaded', '--abort-on-contradictory-flags']) {
      process.execArgv.push(given);
      try {
        holdV8Flag('--no-parallel-scavenge', ['single-threaded-gc', 'single-threaded'])();
        expect(flagsSet(), given).toEqual([]);
      } finally {
        process.execArgv.pop();
      }
    }
    // Turning the implying flag off implies nothing; another flag given does not count either.
    for (const given of ['--no-single-threaded-gc', '--no-parallel-scavenge']) {
      process.execArgv.push(given);
      try {
        holdV8Flag('--no-allocation-site-pretenuring', ['single-threaded-gc'])();
        expect(flagsSet(), given).toEqual(['--no-allocation-site-pretenuring', '--allocation-site-pretenuring']);
      } finally {
        process.execArgv.pop();
        vi.mocked(setFlagsFromString).mockClear();
      }
    }
  });
});

describe('holdV8Setting', () => {
  it('sets a numeric flag once for overlapping holders, and gives V8 its default back after the last', () => {
    const first = holdV8Setting('semi-space-growth-factor', 1, 2);
    const second = holdV8Setting('semi-space-growth-factor', 1, 2);
    expect(heldV8Flags()).toEqual(['--semi-space-growth-factor=1']);
    first();
    first();
    expect(flagsSet()).toEqual(['--semi-space-growth-factor=1']);
    second();
    expect(flagsSet()).toEqual(['--semi-space-growth-factor=1', '--semi-space-growth-factor=2']);
    expect(heldV8Flags()).toEqual([]);
  });

  it('leaves it alone when node was started with it, in any spelling, or with contradictory flags fatal', () => {
    for (const given of ['--semi-space-growth-factor=3', '--semi_space_growth_factor=4', '--abort-on-contradictory-flags']) {
      process.execArgv.push(given);
      try {
        holdV8Setting('semi-space-growth-factor', 1, 2)();
        expect(flagsSet(), given).toEqual([]);
      } finally {
        process.execArgv.pop();
      }
    }
  });
});

describe('flags node was started with through NODE_OPTIONS, and flags that make setting any fatal', () => {
  const withNodeOptions = (value: string, check: () => void) => {
    const before = process.env['NODE_OPTIONS'];
    process.env['NODE_OPTIONS'] = value;
    try {
      check();
    } finally {
      if (before === undefined) delete process.env['NODE_OPTIONS'];
      else process.env['NODE_OPTIONS'] = before;
    }
  };

  it('leaves a flag alone when NODE_OPTIONS gives it or a flag that implies it', () => {
    withNodeOptions('--max-old-space-size=4096  --jitless', () => {
      holdV8Flag('--no-maglev', ['jitless', 'lite-mode', 'max-opt'])();
      holdV8Flag('--no-parallel-scavenge')();
    });
    expect(flagsSet()).toEqual(['--no-parallel-scavenge', '--parallel-scavenge']);
    vi.mocked(setFlagsFromString).mockClear();
    withNodeOptions('--semi_space_growth_factor=3', () => holdV8Setting('semi-space-growth-factor', 1, 2)());
    expect(flagsSet()).toEqual([]);
  });

  it('touches no flag when node was started with --freeze-flags-after-init', () => {
    expect(v8FlagsSettable()).toBe(true);
    process.execArgv.push('--freeze-flags-after-init');
    try {
      expect(v8FlagsSettable()).toBe(false);
      holdV8Flag('--no-parallel-scavenge')();
      holdV8Setting('min-semi-space-size', 8, 0)();
      expect(flagsSet()).toEqual([]);
    } finally {
      process.execArgv.pop();
    }
  });

  it('sets every held flag again on request, and only those', () => {
    const release = holdV8Setting('semi-space-growth-factor', 1, 2);
    holdV8Flag('--no-parallel-scavenge')();
    vi.mocked(setFlagsFromString).mockClear();
    reapplyHeldV8Flags();
    expect(flagsSet()).toEqual(['--semi-space-growth-factor=1']);
    release();
  });
});
