import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { v8FlagsSettable } from './v8-flags.js';

type Collect = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;
let collect: Collect | undefined;
/** Node 22 and later: V8 takes `gc({ flavor: 'last-resort' })` (see collectGarbage). */
const LAST_RESORT_COLLECTIONS = Number(process.versions.node.split('.')[0]) >= 22;

/**
 * Run a full garbage collection now. A large build's main thread mostly waits for its workers, and V8 lets
 * an idle heap grow to twice what is live before it collects; collecting every few thousand pages keeps the
 * build's peak memory near what it really holds, at a cost of milliseconds on a thread with nothing else to do.
 * (`--expose-gc` set at run time applies to new contexts, which is how the function is obtained here.)
 *
 * `giveBack` makes it, from Node 22 on, the collection V8 runs when memory runs out: it also shrinks the young
 * generation and hands free pages back to the system. It costs a few times more, so it is kept for the few
 * points where a stage's heap is done with (on Node 24 the main thread's young generation alone grows to 67 MB
 * while the index is read or workers render). Node 20 gets a plain one: its last-resort collection does not
 * shrink the young generation (34 MB at most there), and its V8 takes `gc(options)` as a different collection,
 * which may keep objects a plain one frees (seen with a WeakRef).
 */
export function collectGarbage({ giveBack = false }: { giveBack?: boolean } = {}): void {
  if (!collect) {
    const exposed = (globalThis as { gc?: Collect }).gc;
    if (exposed) collect = exposed;
    else if (v8FlagsSettable()) {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as Collect;
    } else {
      // Node started with flags frozen and without --expose-gc: V8 collects on its own schedule.
      collect = () => undefined;
    }
  }
  if (giveBack && LAST_RESORT_COLLECTIONS) collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  else collect();
}

/** Collect once every `step` units of work: when a count going from `from` to `to` passes a multiple of `step`. */
export function collectGarbageEvery(step: number, from: number, to: number): void {
  if (Math.floor(from / step) !== Math.floor(to / step)) collectGarbage();
}
