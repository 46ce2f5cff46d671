import { closeSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Problem } from '../core/problems.js';
import type { LocationModel, SiteIndex } from '../core/site-model.js';
import { readLineBatches } from './read-lines.js';
import {
  hashRecordText, storeHeader, TRAILER_BYTES,
  type IndexedLocation, type IndexHead, type RecordKey, type RecordPointer, type StoredSite,
} from './site-store-format.js';

/** The site index of the store `file` when its key matches, else undefined (missing, stale, damaged). */
export async function readSiteStore(file: string, key: string): Promise<StoredSite | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const { size } = await handle.stat();
    const expected = storeHeader(key);
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

/** Reads full location records from a store file, one at a time. */
export class LocationRecords {
  private readonly fd: number;
  private buffer = Buffer.alloc(4096);

  constructor(readonly file: string) {
    this.fd = openSync(file, 'r');
  }

  /** The full record of an indexed location, with its final label (decided after the record was stored). */
  read(location: RecordKey): LocationModel {
    const { length } = location.record;
    if (!this.readIntoBuffer(location.record)) throw new Error(`the site store ${this.file} is shorter than its index says`);
    const record = JSON.parse(this.buffer.toString('utf8', 0, length)) as LocationModel;
    record.label = location.label;
    return record;
  }

  /** A copy of a record's bytes, or undefined when they are not what its hash says (a damaged store). */
  verifiedBytes(pointer: RecordPointer): Buffer | undefined {
    if (!this.readIntoBuffer(pointer)) return undefined;
    const bytes = Buffer.from(this.buffer.subarray(0, pointer.length));
    return hashRecordText(bytes) === pointer.hash ? bytes : undefined;
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Read a record into the start of the buffer (grown as needed); false when the file ends first. */
  private readIntoBuffer({ offset, length }: RecordPointer): boolean {
    if (this.buffer.length < length) this.buffer = Buffer.alloc(Math.max(length, 2 * this.buffer.length));
    return readSync(this.fd, this.buffer, 0, length, offset) === length;
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
