import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize } from 'node:v8';
import type { Problem } from '../core/problems.js';
import type { SiteModel } from '../core/site-model.js';
import { MARKER_DIR } from './staged-output.js';

/**
 * The site model of the last build, kept in the output's state folder. A rebuild whose data files, code,
 * libraries, base URL and file paths (which warnings name files by) are all the same reads it instead of
 * parsing and validating every file again.
 */
export const SITE_CACHE_FILE = `${MARKER_DIR}/site-model.cache`;

/** A loaded site, with its serialized form for the cache. */
export interface LoadedSite {
  site: SiteModel;
  warnings: Problem[];
  /** `v8.serialize({ site, warnings })`. */
  serialized: Uint8Array;
}

const MAGIC = 'clinic-seo site model 1\n';

/** The cache file's bytes: a header line with the key, then the serialized site. */
export function siteCacheBytes(key: string, serialized: Uint8Array): Buffer[] {
  return [Buffer.from(`${MAGIC}${key}\n`), Buffer.from(serialized.buffer, serialized.byteOffset, serialized.byteLength)];
}

/** The cached site in `outDir` when its key matches, else undefined (missing, stale or unreadable). */
export async function readSiteCache(outDir: string, key: string): Promise<LoadedSite | undefined> {
  const bytes = await readFile(path.join(outDir, SITE_CACHE_FILE)).catch(() => undefined);
  const header = Buffer.from(`${MAGIC}${key}\n`);
  if (!bytes || bytes.length <= header.length || !bytes.subarray(0, header.length).equals(header)) return undefined;
  try {
    const serialized = bytes.subarray(header.length);
    const { site, warnings } = deserialize(serialized) as { site: SiteModel; warnings: Problem[] };
    return { site, warnings, serialized };
  } catch {
    return undefined;
  }
}
