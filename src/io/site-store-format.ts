import { digest } from '../core/digest.js';
import type { Problem } from '../core/problems.js';
import type { LocationModel, LocationSummary, SiteIndex } from '../core/site-model.js';
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
 *
 * This file holds the layout and the types; write-site-store.ts writes a store, read-site-store.ts reads one.
 */
export const SITE_STORE_FILE = `${MARKER_DIR}/site-model.cache`;

const MAGIC = 'clinic-seo site store 4\n';

/** The magic line every store starts with, before its key. */
export const STORE_MAGIC = Buffer.from(MAGIC);

/** The trailer: four doubles, the offset and length of the sources, then those of the index. */
export const TRAILER_BYTES = 32;

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

/** A store's first bytes: the magic line and the key line. */
export function storeHeader(key: string): Buffer {
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
  return digest('sha1', json);
}


/** The first line of the index. */
export interface IndexHead {
  site: Omit<SiteIndex<IndexedLocation>, 'locations'>;
  locations: number;
  warnings: number;
}
