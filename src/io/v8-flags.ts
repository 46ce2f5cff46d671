import { setFlagsFromString } from 'node:v8';

/** How many hold each flag, by name, and what they set it to. */
const holders = new Map<string, { count: number; set: string }>();

/** A V8 flag's name as node's command line may spell it: `--no-parallel-scavenge`, `--noparallel_scavenge`, `-no-…`. */
function flagName(arg: string): { name: string; negated: boolean } {
  const [, no, name = ''] = /^--?(no-?)?([^=]*)/.exec(arg.replaceAll('_', '-')) ?? [];
  return { name, negated: no !== undefined };
}

/**
 * The V8 flags node was started with, from its command line and from NODE_OPTIONS (which takes a few, such as
 * `--jitless`, that then do not show in `process.execArgv`).
 */
function givenFlags(): { name: string; negated: boolean }[] {
  const fromEnvironment = (process.env['NODE_OPTIONS'] ?? '').split(/\s+/).filter((arg) => arg.startsWith('-'));
  return [...process.execArgv, ...fromEnvironment].map(flagName);
}

/** Flags with which setting any flag at run time is fatal: then no flag is touched. */
const NO_FLAGS_AT_RUN_TIME = ['abort-on-contradictory-flags', 'freeze-flags-after-init'];

/** Whether V8 flags may be set at run time: not when node was started with `--freeze-flags-after-init`, say. */
export function v8FlagsSettable(): boolean {
  return !givenFlags().some((arg) => !arg.negated && NO_FLAGS_AT_RUN_TIME.includes(arg.name));
}

/**
 * Set a boolean V8 flag (`--no-parallel-scavenge`) for as long as someone holds it; the function returned lets
 * go, and the flag goes back to V8's default (`--parallel-scavenge`) once nobody holds it. V8 flags are per
 * process, so builds running at the same time share the count.
 *
 * Only how node was started (its command line and NODE_OPTIONS) is looked at: the flag is left alone when it was
 * given there in any spelling, or when one of `impliedBy` was given (`--single-threaded-gc` turns parallel
 * scavenges off, and Node 24 does not apply that again after a flag is set at run time), or with
 * `--abort-on-contradictory-flags` or `--freeze-flags-after-init`, which make setting a flag at run time fatal.
 * A flag another part of the program set at run time is not seen.
 */
export function holdV8Flag(flag: `--no-${string}`, impliedBy: string[] = []): () => void {
  const name = flag.slice('--no-'.length);
  return hold(name, flag, `--${name}`, impliedBy);
}

/**
 * Set a numeric V8 flag (`--semi-space-growth-factor=1`) for as long as someone holds it, as holdV8Flag does;
 * it goes back to `defaultValue`, V8's default (V8 cannot be asked for it).
 */
export function holdV8Setting(name: string, value: number, defaultValue: number): () => void {
  return hold(name, `--${name}=${value}`, `--${name}=${defaultValue}`, []);
}

/**
 * Keep every heap's young generation at the size it has now (`--semi-space-growth-factor=1`; V8's default, given
 * back, is 2). A thread that only walks pages makes short-lived objects, yet V8 lets its young generation grow
 * to 34 MB on Node 20 and to 67 or 134 MB on Node 24, and keeps that memory.
 */
export function holdYoungGenerationSize(): () => void {
  return holdV8Setting('semi-space-growth-factor', 1, 2);
}

/**
 * Start the heaps created from now on (workers' heaps) with the whole young generation their limits allow
 * (`--min-semi-space-size`, in MB; V8 caps it at the limit). With the young generation not growing (see
 * holdYoungGenerationSize), a new worker would otherwise keep the smallest one.
 */
export function holdYoungGenerationStart(megabytes: number): () => void {
  return holdV8Setting('min-semi-space-size', megabytes, 0);
}

function hold(name: string, set: string, restore: string, impliedBy: string[]): () => void {
  const given = givenFlags().some((arg) => arg.name === name || (!arg.negated && impliedBy.includes(arg.name)));
  if (given || !v8FlagsSettable()) return () => undefined;
  const count = holders.get(name)?.count ?? 0;
  if (count === 0) setFlagsFromString(set);
  holders.set(name, { count: count + 1, set });
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = holders.get(name)!.count - 1;
    holders.set(name, { count: left, set });
    if (left === 0) setFlagsFromString(restore);
  };
}

/**
 * Set every held flag again. Creating a heap (starting a worker) resets some flags for the whole process: Node 20
 * and 22 put a semi-space growth factor below 2 back to 2.
 */
export function reapplyHeldV8Flags(): void {
  for (const { count, set } of holders.values()) if (count > 0) setFlagsFromString(set);
}

/** The flags someone holds now (for tests: a build must give back every flag it took). */
export function heldV8Flags(): string[] {
  return [...holders.values()].filter(({ count }) => count > 0).map(({ set }) => set);
}
