import { setFlagsFromString } from 'node:v8';

const holders = new Map<string, number>();

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
  const given = process.execArgv.map(flagName).some((arg) => arg.name === name || (!arg.negated && [...impliedBy, 'abort-on-contradictory-flags'].includes(arg.name)));
  if (given) return () => undefined;
  const count = holders.get(name) ?? 0;
  if (count === 0) setFlagsFromString(flag);
  holders.set(name, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = holders.get(name)! - 1;
    holders.set(name, left);
    if (left === 0) setFlagsFromString(`--${name}`);
  };
}

/** The flags someone holds now (for tests: a build must give back every flag it took). */
export function heldV8Flags(): string[] {
  return [...holders].filter(([, count]) => count > 0).map(([name]) => `--no-${name}`);
}
