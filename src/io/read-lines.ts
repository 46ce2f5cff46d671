import type { FileHandle } from 'node:fs/promises';
import { collectGarbageEvery } from './collect-garbage.js';

const READ_BYTES = 1 << 20;
/**
 * Bytes read between full garbage collections. The lines of a batch outlive a young-generation collection or
 * two, so V8 moves them to the old generation, which it would let grow to twice what is live.
 */
const BYTES_PER_COLLECTION = 32 << 20;

/**
 * The lines of a file (or of its bytes from `start` to `end`), read a megabyte at a time and given a megabyte's
 * worth at a time (one await per batch, not per line): a large file never exists as one string. Lines are cut
 * at newline bytes, which are never part of a multi-byte character.
 */
export async function* readLineBatches(handle: FileHandle, start = 0, end = Number.POSITIVE_INFINITY): AsyncGenerator<string[]> {
  let carry = Buffer.alloc(0);
  for (let position = start; position < end; ) {
    const chunk = Buffer.alloc(Math.min(READ_BYTES, end - position));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
    if (bytesRead === 0) {
      if (end !== Number.POSITIVE_INFINITY) throw new Error('the file ends early');
      break;
    }
    collectGarbageEvery(BYTES_PER_COLLECTION, position, position + bytesRead);
    position += bytesRead;
    const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    const lines: string[] = [];
    let from = 0;
    for (let newline = data.indexOf(10, from); newline !== -1; newline = data.indexOf(10, from)) {
      lines.push(data.toString('utf8', from, newline));
      from = newline + 1;
    }
    carry = data.subarray(from);
    yield lines;
  }
  if (carry.length > 0) yield [carry.toString()];
}
