import { setFlagsFromString } from 'node:v8';

const holders = new Map<string, number>();

/**
 * Set a boolean V8 flag (`--no-parallel-scavenge`) for as long as someone holds it; the function returned lets
 * go, and the flag goes back to V8's default (`--parallel-scavenge`) once nobody holds it. V8 flags are per
 * process, so builds running at the same time share the count. A flag the user gave `node` (in either form), or
 * one of `impliedBy` that sets it, is left as the user set it.
 */
export function holdV8Flag(flag: `--no-${string}`, impliedBy: string[] = []): () => void {
  const name = flag.slice('--no-'.length);
  const given = process.execArgv.some((arg) => [name, ...impliedBy].includes(arg.replaceAll('_', '-').replace(/^--(no-)?/, '').split('=')[0]!));
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
