import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Problem } from '../core/problems.js';
import type { LocationModel, SiteIndex } from '../core/site-model.js';
import {
  hashRecordText, storeHeader, TRAILER_BYTES,
  type IndexedLocation, type IndexHead, type RecordPointer, type StoredSource, type StoreSources,
} from './site-store-format.js';

/** Records are gathered this many bytes at a time before a write. */
const WRITE_BUFFER_BYTES = 1 << 20;

/**
 * Writes a store file: the header first, each location's record as it comes, then the sources and the index.
 * Without a key, it writes a part (records, or StoredSource lines) for another thread's writer to append.
 */
export class SiteStoreWriter {
  private readonly fd: number;
  private offset: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private closed = false;

  /** Without a key, a part of a store: records only, their offsets counted from the part's start (see append). */
  constructor(file: string, key?: string) {
    this.fd = openSync(file, 'w');
    const start = key === undefined ? Buffer.alloc(0) : storeHeader(key);
    writeSync(this.fd, start);
    this.offset = start.length;
  }

  /** Store one location's full record; where it is. */
  add(location: LocationModel): RecordPointer {
    const json = JSON.stringify(location);
    return this.addRecordBytes(Buffer.from(json), hashRecordText(json));
  }

  /** Store a record's JSON bytes as they are (taken from a previous store), with their hash; where they are. */
  addRecordBytes(bytes: Buffer, hash: string): RecordPointer {
    const pointer = { offset: this.offset + this.pendingBytes, length: bytes.length, hash };
    this.push(bytes);
    return pointer;
  }

  /**
   * Copy the records of a part (written by another thread) after those stored so far; the offset its records now
   * start at, to add to their pointers.
   */
  append(part: string): number {
    this.flush();
    const start = this.offset;
    const fd = openSync(part, 'r');
    try {
      const chunk = Buffer.alloc(WRITE_BUFFER_BYTES);
      for (let read; (read = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) {
        for (let done = 0; done < read; ) done += writeSync(this.fd, chunk, done, read - done);
        this.offset += read;
      }
    } finally {
      closeSync(fd);
    }
    return start;
  }

  /**
   * Write the sources and the index after the records, in pieces (a large chain's index is tens of megabytes),
   * and close the file.
   */
  finish(site: SiteIndex<IndexedLocation>, warnings: Problem[], sources: StoreSources): void {
    const trailer = Buffer.alloc(TRAILER_BYTES);
    const region = (at: number, write: () => void) => {
      this.flush();
      const start = this.offset;
      write();
      this.flush();
      trailer.writeDoubleLE(start, at);
      trailer.writeDoubleLE(this.offset - start, at + 8);
    };
    region(0, () => {
      this.text(`${JSON.stringify({ key: sources.key })}\n`);
      for (const part of sources.parts) this.append(part);
    });
    const { locations, ...rest } = site;
    const head: IndexHead = { site: rest, locations: locations.length, warnings: warnings.length };
    region(16, () => {
      for (const line of [head, ...locations, ...warnings]) this.text(`${JSON.stringify(line)}\n`);
    });
    writeSync(this.fd, trailer);
    this.close();
  }

  /** Write a location file's StoredSource as a line: in a file of its own, which finish() takes in after the records. */
  source([file, textHash, location, warnings]: StoredSource): void {
    const { offset, ...record } = location.record;
    this.text(`${JSON.stringify([file, textHash, { ...location, record }, warnings])}\n`);
  }

  /** Write the records gathered so far and close the file: a part (see append) has no index. */
  finishPart(): void {
    this.flush();
    this.close();
  }

  /** Close the file (after a failure, the caller throws the staging folder away). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private text(piece: string): void {
    this.push(Buffer.from(piece));
  }

  private push(bytes: Buffer): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_BUFFER_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const bytes = Buffer.concat(this.pending, this.pendingBytes);
    writeSync(this.fd, bytes);
    this.offset += bytes.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
