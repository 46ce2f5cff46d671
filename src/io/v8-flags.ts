import { setFlagsFromString } from 'node:v8';

/** How many hold each flag, by name, and what they set it to. */
const holders = new Map<string, { count: number; set: string }>();

/** A V8 flag's name as node's command line may spell it: `--no-parallel-scavenge`, `--noparallel_scavenge`, `-no-…`. */
function flagName(arg: string): { name: string; negated: boolean } {
  const [, no, name = ''] = /^--?(no-?)?([^=]*)/.exec(arg.replaceAll('_', '-')) ?? [];
  return { name, negated: no !== undefined };
}

/**
 * Set a boolean V8 flag (`--no-parallel-scavenge`) for as long as someone holds it; the function returned lets
 * go, and the flag goes back to V8's default (`--parallel-scavenge`) once nobody holds it. V8 flags are per
 * process, so builds running at the same time share the count.
 *
 * Only node's command line (`process.execArgv`) is looked at: the flag is left alone when it was given there in
 * any spelling, or when one of `impliedBy` was given (`--single-threaded-gc` turns parallel scavenges off, and
 * Node 24 does not apply that again after a flag is set at run time), or with `--abort-on-contradictory-flags`,
 * which makes setting a flag twice fatal. A flag another part of the program set at run time is not seen.
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
  const given = process.execArgv.map(flagName).some((arg) => arg.name === name || (!arg.negated && [...impliedBy, 'abort-on-contradictory-flags'].includes(arg.name)));
  if (given) return () => undefined;
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

/** The flags someone holds now (for tests: a build must give back every flag it took). */
export function heldV8Flags(): string[] {
  return [...holders.values()].filter(({ count }) => count > 0).map(({ set }) => set);
}
