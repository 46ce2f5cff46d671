import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * Run a full garbage collection now. A large build's main thread mostly waits for its workers, and V8 lets
 * an idle heap grow to twice what is live before it collects; collecting every few thousand pages keeps the
 * build's peak memory near what it really holds, at a cost of milliseconds on a thread with nothing else to do.
 * (`--expose-gc` set at run time applies to new contexts, which is how the function is obtained here.)
 */
export function collectGarbage(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

/** Collect once every `step` units of work: when a count going from `from` to `to` passes a multiple of `step`. */
export function collectGarbageEvery(step: number, from: number, to: number): void {
  if (Math.floor(from / step) !== Math.floor(to / step)) collectGarbage();
}
