import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Problem } from '../core/problems.js';
import type { LocationModel, LocationSummary, SiteIndex } from '../core/site-model.js';
import { readLineBatches } from './read-lines.js';
import { MARKER_DIR } from './staged-output.js';

/**
 * The loaded site, kept in the output's state folder: every location's full record, and an index (the site
 * with location summaries, and the warnings). A build holds only the index; render threads read the records
 * they need from the file. A rebuild whose data files, code, libraries, base URL and file paths (which
 * warnings name files by) are all the same reads the index instead of parsing and validating every file again.
 *
 * A rebuild after some location files changed takes the records of the others as they are (see StoredSource).
 *
 * Layout: a header (magic line, key line), the records (each location's JSON, read one at a time), the sources,
 * the index, and a 32-byte trailer with the offsets and lengths of the sources and of the index. The index is
 * JSON lines: the site without its locations (with the number of locations and warnings), then one line per
 * location, then one per warning. The sources are JSON lines too: the key of everything but the location files,
 * then one StoredSource per location, in file order, which is also the order of the records.
 * Read a line at a time, a large chain's index never exists as one string. JSON throughout: parsed objects share
 * their shapes (half the memory of `v8.deserialize`d ones), and the same record always gives the same bytes.
 */
export const SITE_STORE_FILE = `${MARKER_DIR}/site-model.cache`;

const MAGIC = 'clinic-seo site store 4\n';
const TRAILER_BYTES = 32;
/** Records are gathered this many bytes at a time before a write. */
const WRITE_BUFFER_BYTES = 1 << 20;

/** Where a location's full record is in the store file, and a hash of it (part of its pages' inputs). */
export interface RecordPointer {
  offset: number;
  length: number;
  hash: string;
}

/** A location summary with the place of its full record. */
export type IndexedLocation = LocationSummary & { record: RecordPointer };

/** What it takes to read a location's record: where it is, and the label to give it. */
export type RecordKey = Pick<IndexedLocation, 'slug' | 'label' | 'record'>;

/**
 * What a location file gave, for a later load to take as it is while the file and everything else but the
 * location files are unchanged: the file (as problems name it), a hash of its text, its summary with the
 * label it had before labels were made unique, and its warnings. Its record's offset is not stored: records
 * are in the order of the sources, so a reader adds up their lengths (and a part written by another thread
 * needs no offsets changed when it is appended).
 */
export type StoredSource = [file: string, textHash: string, location: IndexedLocation, warnings: Problem[]];

/** The sources of a store: the key of everything but the location files, and the files StoredSources were written to. */
export interface StoreSources {
  key: string;
  parts: string[];
}

/** The file a load thread writes the StoredSources of its location files to, beside its records' file. */
export function sourcesPartOf(recordsFile: string): string {
  return `${recordsFile}.sources`;
}

/** What a build loads: the site index, the warnings, and the store file the records are in. */
export interface StoredSite {
  site: SiteIndex<IndexedLocation>;
  warnings: Problem[];
  file: string;
  /** Location files whose records a load took from the last build's store (see StoredSource); all when nothing was loaded. */
  reusedLocations?: number;
}

function header(key: string): Buffer {
  return Buffer.from(`${MAGIC}${key}\n`);
}

/**
 * A hash of a location's record, part of its pages' inputs. Of its JSON, never of `v8.serialize` bytes: V8
 * writes the same array differently depending on how it stored it (packed or with holes), which varies from
 * run to run.
 */
export function recordHash(location: LocationModel): string {
  return hashRecordText(JSON.stringify(location));
}

/** The hash of a record's JSON, as text or as its UTF-8 bytes (the same either way). */
export function hashRecordText(json: string | Buffer): string {
  return createHash('sha1').update(json).digest('base64url');
}

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
    const start = key === undefined ? Buffer.alloc(0) : header(key);
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

/** The site index of the store `file` when its key matches, else undefined (missing, stale, damaged). */
export async function readSiteStore(file: string, key: string): Promise<StoredSite | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const { size } = await handle.stat();
    const expected = header(key);
    if (size < expected.length + TRAILER_BYTES) return undefined;
    const start = Buffer.alloc(expected.length);
    await handle.read(start, 0, start.length, 0);
    if (!start.equals(expected)) return undefined;
    const regions = await readStoreRegions(handle, size, expected.length);
    if (!regions) return undefined;
    const { offset, length } = regions.index;
    let head: IndexHead | undefined;
    const locations: IndexedLocation[] = [];
    const warnings: Problem[] = [];
    const shareProblem = problemSharer();
    for await (const lines of readLineBatches(handle, offset, offset + length)) {
      for (const line of lines) {
        if (!head) head = JSON.parse(line) as IndexHead;
        else if (locations.length < head.locations) locations.push(JSON.parse(line) as IndexedLocation);
        else if (warnings.length < head.warnings) warnings.push(shareProblem(JSON.parse(line) as Problem));
        else return undefined;
      }
    }
    if (!head || locations.length !== head.locations || warnings.length !== head.warnings) return undefined;
    return { site: shareStrings({ ...head.site, locations }), warnings, file };
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Where a store's sources and index are, from its trailer; undefined for a damaged file. */
export async function readStoreRegions(handle: FileHandle, size: number, headerBytes: number): Promise<Record<'sources' | 'index', { offset: number; length: number }> | undefined> {
  if (size < headerBytes + TRAILER_BYTES) return undefined;
  const trailer = Buffer.alloc(TRAILER_BYTES);
  await handle.read(trailer, 0, TRAILER_BYTES, size - TRAILER_BYTES);
  const [sourcesAt, sourcesLength, indexAt, indexLength] = [0, 8, 16, 24].map((at) => trailer.readDoubleLE(at)) as [number, number, number, number];
  const valid = [sourcesAt, sourcesLength, indexAt, indexLength].every(Number.isSafeInteger) &&
    sourcesAt >= headerBytes && sourcesAt + sourcesLength === indexAt && indexAt + indexLength === size - TRAILER_BYTES;
  return valid ? { sources: { offset: sourcesAt, length: sourcesLength }, index: { offset: indexAt, length: indexLength } } : undefined;
}

/** The magic line every store starts with, before its key. */
export const STORE_MAGIC = Buffer.from(MAGIC);

/** The first line of the index. */
interface IndexHead {
  site: Omit<SiteIndex<IndexedLocation>, 'locations'>;
  locations: number;
  warnings: number;
}

/** Reads full location records from a store file, one at a time. */
export class LocationRecords {
  private readonly fd: number;
  private buffer = Buffer.alloc(4096);

  constructor(readonly file: string) {
    this.fd = openSync(file, 'r');
  }

  /** The full record of an indexed location, with its final label (decided after the record was stored). */
  read(location: RecordKey): LocationModel {
    const { offset, length } = location.record;
    if (this.buffer.length < length) this.buffer = Buffer.alloc(Math.max(length, 2 * this.buffer.length));
    if (readSync(this.fd, this.buffer, 0, length, offset) !== length) throw new Error(`the site store ${this.file} is shorter than its index says`);
    const record = JSON.parse(this.buffer.toString('utf8', 0, length)) as LocationModel;
    record.label = location.label;
    return record;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Parsed strings are all copies: 100,000 locations x 10 services would be a million copies of ten
 * service slugs. Point every repeated string at one copy.
 */
function shareStrings(site: SiteIndex<IndexedLocation>): SiteIndex<IndexedLocation> {
  const shared = stringSharer();
  const serviceSlug = new Map(site.services.map((service) => [service.slug, service.slug]));
  const locationSlug = new Map<string, string>();
  for (const location of site.locations) {
    location.serviceSlugs = location.serviceSlugs.map((slug) => serviceSlug.get(slug) ?? slug);
    const { address } = location;
    address.addressCountry = shared(address.addressCountry);
    address.addressRegion = shared(address.addressRegion);
    address.addressLocality = shared(address.addressLocality);
    locationSlug.set(location.slug, location.slug);
  }
  for (const service of site.services) service.locationSlugs = service.locationSlugs.map((slug) => locationSlug.get(slug) ?? slug);
  return site;
}

/** The same for warnings: a large chain can have one per location, most of them alike. */
function problemSharer(): (problem: Problem) => Problem {
  const shared = stringSharer();
  return (problem) => {
    for (const key of ['severity', 'message', 'hint', 'path'] as const) {
      const value = problem[key];
      if (typeof value === 'string') (problem as unknown as Record<string, string>)[key] = shared(value);
    }
    return problem;
  };
}

function stringSharer(): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    seen.set(value, value);
    return value;
  };
}
