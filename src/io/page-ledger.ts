import type { OutputEntry } from './staged-output.js';

/** Bytes of an input hash (sha1, see pageInputHasher) and of a content hash (sha256, see hashContent). */
export const INPUT_BYTES = 20;
export const HASH_BYTES = 32;

const RECORDED = 1;
const WRITTEN = 2;
const HASHED = 4;

/**
 * What became of each page of a build, by its place in the walk over the pages (see eachPage): about 21 bytes
 * a page (53 once content hashes are known), where a Map keyed by file name took about 170. File names are
 * not kept: walking the pages again gives them.
 */
export class PageLedger {
  private readonly flags: Uint8Array;
  private readonly inputs: Buffer;
  /** Only a rebuild knows content hashes: a fresh build writes pages without hashing them. */
  private hashes: Buffer | undefined;

  constructor(readonly size: number) {
    this.flags = new Uint8Array(size);
    this.inputs = Buffer.alloc(size * INPUT_BYTES);
  }

  record(ordinal: number, entry: OutputEntry): void {
    if (this.flags[ordinal]! & RECORDED) throw new Error(`page ${ordinal} is recorded twice`);
    if (!entry.input || this.inputs.write(entry.input, ordinal * INPUT_BYTES, 'base64url') !== INPUT_BYTES) throw new Error(`not a page input hash: ${entry.input}`);
    let flags = RECORDED | (entry.written ? WRITTEN : 0);
    if (entry.hash) {
      this.hashes ??= Buffer.alloc(this.size * HASH_BYTES);
      if (this.hashes.write(entry.hash, ordinal * HASH_BYTES, 'base64url') !== HASH_BYTES) throw new Error(`not a content hash: ${entry.hash}`);
      flags |= HASHED;
    }
    this.flags[ordinal] = flags;
  }

  get(ordinal: number): OutputEntry {
    const flags = this.flags[ordinal]!;
    if (!(flags & RECORDED)) throw new Error(`page ${ordinal} was never recorded`);
    const input = this.inputs.toString('base64url', ordinal * INPUT_BYTES, (ordinal + 1) * INPUT_BYTES);
    const written = (flags & WRITTEN) !== 0;
    return flags & HASHED ? { hash: this.hashes!.toString('base64url', ordinal * HASH_BYTES, (ordinal + 1) * HASH_BYTES), input, written } : { input, written };
  }

  written(ordinal: number): boolean {
    return (this.flags[ordinal]! & WRITTEN) !== 0;
  }
}
