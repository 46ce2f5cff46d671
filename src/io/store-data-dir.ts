import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { auditLocation, auditSite } from '../core/audit-dataset.js';
import { digest } from '../core/digest.js';
import { compareSlugs, normalizeLocation, normalizeSite, siteBaseUrl, summarizeLocation, withUniqueLabels } from '../core/normalize.js';
import { sortProblems, UserError, type Problem } from '../core/problems.js';
import { duplicateLocationSlug, startValidation } from '../core/validate-dataset.js';
import type { StoreTarget } from './load-site.js';
import { collectGarbage } from './collect-garbage.js';
import { PreviousSources } from './previous-sources.js';
import { openDataDir } from './read-data-dir.js';
import { sourcesPartOf, type IndexedLocation, type StoredSource } from './site-store-format.js';
import { SiteStoreWriter } from './write-site-store.js';

/** Location files read between full garbage collections. */
const FILES_PER_COLLECTION = 5000;

/**
 * What a thread that loaded a share of the location files hands to the thread that writes the store: the part
 * file its records are in, and everything else it found.
 */
export interface StoredShare {
  part: string;
  /** Their records' offsets count from the part's start. */
  locations: IndexedLocation[];
  warnings: Problem[];
  /** Problems of its location files (unreadable, invalid), unsorted; slugs used twice are found by the merge. */
  problems: Problem[];
  /** The slug and file of every valid location of the share, in file order: the share reports no slug used twice. */
  slugs: (readonly [string, string])[];
  /** The file its StoredSources are in, for the next load (see SiteStoreWriter.source). */
  sourcesPart: string;
  /** Location files whose record was taken from the previous store. */
  reused: number;
}

/** How a load is split: this thread's location files (all when absent), and the shares other threads load meanwhile. */
export interface LoadSplit {
  locationFiles?: readonly string[];
  otherShares: () => Promise<StoredShare[]>;
}

/**
 * A copy of plain data made of new strings. Strings cut from a file's text (by the YAML parser) keep the whole
 * text alive; what is kept of each of 100,000 locations must not keep its file too.
 */
function detached<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Read, validate and normalize a data folder into a site store. Each location file is read, checked against
 * the rest of the data, normalized and stored before the next is read; what stays in memory is its summary
 * and its warnings. With a split, this thread loads its share and then takes in the others' in file order,
 * so the store is the same as one thread's. Throws a UserError listing every problem, and then writes no index.
 */
export async function storeDataDir(dataDir: string, store: StoreTarget, baseUrl: string | undefined, split?: LoadSplit, progress?: FileProgress): Promise<number> {
  const writer = new SiteStoreWriter(store.file, store.key);
  const sourcesPart = sourcesPartOf(store.file);
  const sourcesWriter = new SiteStoreWriter(sourcesPart);
  try {
    const options = baseUrl ? { baseUrl } : {};
    const loaded = await storeLocations({ dataDir, locationFiles: split?.locationFiles, writer, sourcesWriter, baseUrl, store, first: true, progress });
    sourcesWriter.finishPart();
    const { site: siteEntry, services, conditions, problems } = loaded.validator.finish();
    let all = [...loaded.sharedReadProblems, ...loaded.locationReadProblems, ...problems];
    let { locations, warnings, reused } = loaded;
    const sourcesParts = [sourcesPart];
    const { firstFileBySlug } = loaded.validator;
    const shares = split ? await split.otherShares() : [];
    for (const share of shares) {
      all = all.concat(share.problems, duplicatesAcrossShares(share.slugs, firstFileBySlug));
      share.slugs = [];
      warnings = warnings.concat(share.warnings);
      sourcesParts.push(share.sourcesPart);
      reused += share.reused;
    }
    if (!siteEntry || all.some((problem) => problem.severity === 'error')) throw new UserError(all);
    for (const share of shares) {
      const start = writer.append(share.part);
      for (const location of share.locations) location.record.offset += start;
      locations = locations.concat(share.locations);
    }
    const index = normalizeSite({ site: siteEntry, services, conditions }, withUniqueLabels(locations.sort(compareSlugs)), options);
    writer.finish(index, sortProblems([...all, ...auditSite(siteEntry, locations.length), ...warnings]), { key: store.sourcesKey, parts: sourcesParts });
    return reused;
  } catch (error) {
    writer.close();
    sourcesWriter.close();
    throw error;
  } finally {
    rmSync(sourcesPart, { force: true });
  }
}

/** Load a share of the location files into a part of a store, for the thread that writes the store (see storeDataDir). */
export async function storeShare(dataDir: string, store: StoreTarget, part: string, locationFiles: readonly string[], baseUrl: string | undefined, progress?: FileProgress): Promise<StoredShare> {
  const writer = new SiteStoreWriter(part);
  const sourcesPart = sourcesPartOf(part);
  const sourcesWriter = new SiteStoreWriter(sourcesPart);
  try {
    const { validator, locations, warnings, locationReadProblems, reused } = await storeLocations({ dataDir, locationFiles, writer, sourcesWriter, baseUrl, store, first: false, progress });
    writer.finishPart();
    sourcesWriter.finishPart();
    return { part, locations, warnings, problems: [...locationReadProblems, ...validator.locationProblems], slugs: [...validator.locationSlugs], sourcesPart, reused };
  } catch (error) {
    writer.close();
    sourcesWriter.close();
    throw error;
  }
}

/** What storeLocations works on. */
interface LocationsJob {
  dataDir: string;
  /** All of the folder's when absent. */
  locationFiles: readonly string[] | undefined;
  writer: SiteStoreWriter;
  /** Where the StoredSource of each stored location goes, in file order (the order of the records). */
  sourcesWriter: SiteStoreWriter;
  baseUrl: string | undefined;
  store: StoreTarget;
  /** Whether these are the first (or all) location files: only then can a slug used twice be told here. */
  first: boolean;
  progress: FileProgress | undefined;
}

/** Told after each location file: how many of this thread's location files are done, of how many. */
export type FileProgress = (done: number, total: number) => void;

/**
 * Validate, audit and normalize location files one at a time, storing each record with the job's writer. A file
 * whose text the previous store has, under the same key for everything else, is taken from there as it is:
 * record, summary and warnings. Without a valid site.yaml the locations are still checked, to report all
 * problems at once, but not normalized.
 */
async function storeLocations(job: LocationsJob) {
  const read = await openDataDir(job.dataDir, job.locationFiles);
  if (read.fatal) throw new UserError(read.problems);
  const sharedReadProblems = read.problems.splice(0);
  const siteFile = path.join(path.relative(process.cwd(), job.dataDir) || '.', 'site.yaml');
  // Only the first share (or the whole) can tell a slug used twice; the merge finds the rest (duplicatesAcrossShares).
  const validator = startValidation(read.sources, siteFile, { duplicateLocationSlugs: job.first });
  const site = validator.site?.data;
  const siteUrl = site && siteBaseUrl(site, job.baseUrl ? { baseUrl: job.baseUrl } : {});
  const previous = job.store.previous && siteUrl ? await PreviousSources.open(job.store.previous, job.store.sourcesKey) : undefined;
  const locations: IndexedLocation[] = [];
  const warnings: Problem[] = [];
  let files = 0;
  let reused = 0;
  job.progress?.(0, read.locationFiles);
  /** The location of a file the previous store has with the same text, copied into this store; else undefined. */
  const reuse = (stored: StoredSource | undefined, textHash: string): StoredSource | undefined => {
    if (!stored || stored[1] !== textHash) return undefined;
    const [file, , location, storedWarnings] = stored;
    const bytes = previous!.record(location.record);
    if (!bytes || !validator.claimLocationSlug(location.slug, file)) return undefined;
    location.record = job.writer.addRecordBytes(bytes, location.record.hash);
    reused++;
    return [file, textHash, location, storedWarnings];
  };
  try {
    for (const source of read.locations) {
      // Parsing makes garbage many times the size of what is kept; V8 would let the heap grow to several
      // times what is live before collecting it.
      if (++files % FILES_PER_COLLECTION === 0) collectGarbage();
      job.progress?.(files - 1, read.locationFiles);
      const textHash = digest('sha1', source.text);
      let stored = reuse(await previous?.find(source.file), textHash);
      if (!stored) {
        const entry = validator.location(source);
        if (!entry) continue;
        const locationWarnings = detached(auditLocation(entry));
        if (!site || !siteUrl) {
          warnings.push(...locationWarnings);
          continue;
        }
        const location = normalizeLocation(entry.data, siteUrl, site.language);
        stored = [source.file, textHash, detached({ ...summarizeLocation(location), record: job.writer.add(location) }), locationWarnings];
      }
      locations.push(stored[2]);
      warnings.push(...stored[3]);
      job.sourcesWriter.source(stored);
    }
    // Unreadable files are not iterated (their problems are reported): the count ends at the total anyway.
    job.progress?.(read.locationFiles, read.locationFiles);
  } finally {
    await previous?.close();
  }
  return { validator, locations, warnings, reused, sharedReadProblems, locationReadProblems: read.problems };
}

/**
 * The slugs of a later share that a file before already uses, as the problems one thread would have reported;
 * `firstFileBySlug` takes in the share's new slugs.
 */
function duplicatesAcrossShares(slugs: readonly (readonly [string, string])[], firstFileBySlug: Map<string, string>): Problem[] {
  const problems: Problem[] = [];
  for (const [slug, file] of slugs) {
    const first = firstFileBySlug.get(slug);
    if (first === undefined) {
      firstFileBySlug.set(slug, file);
      continue;
    }
    // Rare, and always an error: the file is read again to point at its slug.
    let text = '';
    try {
      text = readFileSync(path.resolve(file), 'utf8');
    } catch {
      // gone since: the problem then points at the file's start
    }
    problems.push(duplicateLocationSlug({ file, text }, slug, first));
  }
  return problems;
}
