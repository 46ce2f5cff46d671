import { open, type FileHandle } from 'node:fs/promises';
import { readLineBatches } from './read-lines.js';
import { LocationRecords, readStoreRegions } from './read-site-store.js';
import { STORE_MAGIC, type RecordPointer, type StoredSource } from './site-store-format.js';

/** Enough of a store's start to hold its magic line and key line. */
const HEADER_PEEK_BYTES = 512;

/**
 * The sources of the last build's store (see StoredSource), read alongside this load's location files: both
 * are in file order, so the store's sources are read in one pass (a thread that loads a later share skips the
 * lines before it), a batch at a time, and never held whole.
 */
export class PreviousSources {
  private batch: string[] = [];
  private next = 0;
  private ahead: StoredSource | undefined;
  /** Where the record of the next stored source starts: records are in the order of the sources. */
  private nextRecord: number;
  private readonly records: LocationRecords;

  private constructor(file: string, recordsStart: number, private readonly handle: FileHandle, private readonly lines: AsyncGenerator<string[]>) {
    this.records = new LocationRecords(file);
    this.nextRecord = recordsStart;
  }

  /** The sources of the store `file` when they were stored under `key`; undefined otherwise (missing, other data, damaged). */
  static async open(file: string, key: string): Promise<PreviousSources | undefined> {
    const handle = await open(file, 'r').catch(() => undefined);
    if (!handle) return undefined;
    try {
      const { size } = await handle.stat();
      const start = Buffer.alloc(Math.min(size, HEADER_PEEK_BYTES));
      await handle.read(start, 0, start.length, 0);
      const headerEnd = start.indexOf(10, STORE_MAGIC.length);
      if (!start.subarray(0, STORE_MAGIC.length).equals(STORE_MAGIC) || headerEnd === -1) throw new Error('not a store');
      const regions = await readStoreRegions(handle, size, headerEnd + 1);
      if (!regions) throw new Error('damaged');
      const lines = readLineBatches(handle, regions.sources.offset, regions.sources.offset + regions.sources.length);
      const first = await lines.next();
      if (first.done || (JSON.parse(first.value[0] ?? 'null') as { key?: string } | null)?.key !== key) throw new Error('other data');
      const sources = new PreviousSources(file, headerEnd + 1, handle, lines);
      sources.batch = first.value;
      sources.next = 1;
      return sources;
    } catch {
      await handle.close();
      return undefined;
    }
  }

  /** What the last build stored for `file`, if it had that file. Files must be asked for in file order. */
  async find(file: string): Promise<StoredSource | undefined> {
    for (;;) {
      const candidate = this.ahead ?? (await this.read());
      this.ahead = undefined;
      if (!candidate || candidate[0] > file) {
        this.ahead = candidate;
        return undefined;
      }
      if (candidate[0] === file) return candidate;
      // a file the last build had and this one does not
    }
  }

  /** The bytes of a stored record, or undefined when they are not what its hash says (a damaged store). */
  record(pointer: RecordPointer): Buffer | undefined {
    return this.records.verifiedBytes(pointer);
  }

  async close(): Promise<void> {
    this.records.close();
    await this.lines.return(undefined);
    await this.handle.close();
  }

  /** The next stored source; undefined at the end, and from a line that is not one on (a damaged store). */
  private async read(): Promise<StoredSource | undefined> {
    try {
      while (this.next >= this.batch.length) {
        const more = await this.lines.next();
        if (more.done) return undefined;
        this.batch = more.value;
        this.next = 0;
      }
      const source = JSON.parse(this.batch[this.next++]!) as StoredSource;
      const record = (source as Partial<StoredSource>)[2]?.record;
      if (Array.isArray(source) && typeof source[0] === 'string' && typeof source[1] === 'string' && Array.isArray(source[3]) &&
        Number.isSafeInteger(record?.length) && typeof record?.hash === 'string') {
        record!.offset = this.nextRecord;
        this.nextRecord += record!.length;
        return source;
      }
    } catch {
      // damaged: nothing more is reused
    }
    this.batch = [];
    this.next = 0;
    await this.lines.return(undefined);
    return undefined;
  }
}
