import type { OutputEntry } from './staged-output.js';

/** Bytes of an input hash (sha1, see pageInputHasher) and of a content hash (sha256, see hashContent). */
export const INPUT_BYTES = 20;
export const HASH_BYTES = 32;

const RECORDED = 1;
const WRITTEN = 2;
const HASHED = 4;
/** The content hash is the last build's (kept, or re-rendered to the same bytes): the last manifest has it. */
const HASH_AS_BEFORE = 8;

/** What a page's entry records: the content hash may be given as "the same as the last build's". */
export type LedgerEntry = OutputEntry & { hashAsBefore?: boolean };

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

  /**
   * Record a page. A hash given as the last build's is not stored: the last manifest holds it already, and a
   * million stored again took 35 MB more on a rebuild that re-rendered every page.
   */
  record(ordinal: number, entry: LedgerEntry): void {
    if (this.flags[ordinal]! & RECORDED) throw new Error(`page ${ordinal} is recorded twice`);
    if (!entry.input || this.inputs.write(entry.input, ordinal * INPUT_BYTES, 'base64url') !== INPUT_BYTES) throw new Error(`not a page input hash: ${entry.input}`);
    let flags = RECORDED | (entry.written ? WRITTEN : 0);
    if (entry.hashAsBefore) {
      flags |= HASH_AS_BEFORE;
    } else if (entry.hash) {
      this.hashes ??= Buffer.alloc(this.size * HASH_BYTES);
      if (this.hashes.write(entry.hash, ordinal * HASH_BYTES, 'base64url') !== HASH_BYTES) throw new Error(`not a content hash: ${entry.hash}`);
      flags |= HASHED;
    }
    this.flags[ordinal] = flags;
  }

  /** A page's entry; `before` is what the last manifest has for the page (for a hash recorded as the same). */
  get(ordinal: number, before?: { hash?: string | undefined }): OutputEntry {
    const flags = this.flags[ordinal]!;
    if (!(flags & RECORDED)) throw new Error(`page ${ordinal} was never recorded`);
    const input = this.inputs.toString('base64url', ordinal * INPUT_BYTES, (ordinal + 1) * INPUT_BYTES);
    const written = (flags & WRITTEN) !== 0;
    if (flags & HASH_AS_BEFORE) {
      if (!before?.hash) throw new Error(`page ${ordinal} has the last build's hash, which was not given`);
      return { hash: before.hash, input, written };
    }
    return flags & HASHED ? { hash: this.hashes!.toString('base64url', ordinal * HASH_BYTES, (ordinal + 1) * HASH_BYTES), input, written } : { input, written };
  }

  written(ordinal: number): boolean {
    return (this.flags[ordinal]! & WRITTEN) !== 0;
  }
}
