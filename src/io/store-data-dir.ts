import path from 'node:path';
import { auditLocation, auditSite } from '../core/audit-dataset.js';
import { compareSlugs, normalizeLocation, normalizeSite, siteBaseUrl, summarizeLocation, withUniqueLabels } from '../core/normalize.js';
import { sortProblems, UserError, type Problem } from '../core/problems.js';
import { startValidation } from '../core/validate-dataset.js';
import type { StoreTarget } from './load-site.js';
import { collectGarbage } from './collect-garbage.js';
import { openDataDir } from './read-data-dir.js';
import { SiteStoreWriter, type IndexedLocation } from './site-store.js';

/** Location files read between full garbage collections. */
const FILES_PER_COLLECTION = 5000;

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
 * and its warnings. Throws a UserError listing every problem, and then writes no index.
 */
export async function storeDataDir(dataDir: string, store: StoreTarget, baseUrl: string | undefined): Promise<void> {
  const read = await openDataDir(dataDir);
  if (read.fatal) throw new UserError(read.problems);
  const validator = startValidation(read.sources, path.join(path.relative(process.cwd(), dataDir) || '.', 'site.yaml'));
  const options = baseUrl ? { baseUrl } : {};
  const writer = new SiteStoreWriter(store.file, store.key);
  try {
    const locations: IndexedLocation[] = [];
    const warnings: Problem[] = [];
    const site = validator.site?.data;
    const siteUrl = site && siteBaseUrl(site, options);
    let files = 0;
    for (const source of read.locations) {
      // Parsing makes garbage many times the size of what is kept; V8 would let the heap grow to several
      // times what is live before collecting it.
      if (++files % FILES_PER_COLLECTION === 0) collectGarbage();
      const entry = validator.location(source);
      if (!entry) continue;
      warnings.push(...detached(auditLocation(entry)));
      // Without a valid site.yaml the build fails; the locations are still checked, to report all at once.
      if (!site || !siteUrl) continue;
      const location = normalizeLocation(entry.data, siteUrl, site.language);
      locations.push(detached({ ...summarizeLocation(location), record: writer.add(location) }));
    }
    const { site: siteEntry, services, conditions, problems } = validator.finish();
    const all = [...read.problems, ...problems];
    if (!siteEntry || all.some((problem) => problem.severity === 'error')) throw new UserError(all);
    const index = normalizeSite({ site: siteEntry, services, conditions }, withUniqueLabels(locations.sort(compareSlugs)), options);
    writer.finish(index, sortProblems([...all, ...auditSite(siteEntry, locations.length), ...warnings]));
  } catch (error) {
    writer.close();
    throw error;
  }
}
