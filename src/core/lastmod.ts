/** What the last build recorded about one file. */
export interface ManifestEntry {
  /** Hash of the file's bytes (not computed for pages written fresh: their inputs identify them). */
  hash?: string;
  lastmod: string;
  /** For pages: hash of everything the page is built from, so an unchanged page need not be rendered again. */
  input?: string;
}

/**
 * One file's manifest entry. Its lastmod is kept from the last build when its bytes did not change, else it
 * is the date of this build (the day the change was first published): never simply "now" for every page.
 */
export function manifestEntry(before: ManifestEntry | undefined, now: { hash?: string | undefined; input?: string | undefined; changed: boolean }, today: string): ManifestEntry {
  const lastmod = before && !now.changed ? before.lastmod : today;
  // Built plainly, not with spreads: this runs for every file of the site, twice.
  const entry: ManifestEntry = now.hash ? { hash: now.hash, lastmod } : { lastmod };
  if (now.input) entry.input = now.input;
  return entry;
}

/**
 * The manifest as JSON text, one file per line, in pieces: a site of a million pages never holds the whole
 * text. `files` must come in an order fixed for the same build (pages in the order of the walk, then the
 * other files by name), so the text is the same for the same build.
 */
export function* manifestText(files: Iterable<[string, ManifestEntry]>): Generator<string> {
  yield '{"tool":"clinic-seo","version":1,"files":{';
  let first = true;
  for (const [file, entry] of files) {
    yield `${first ? '' : ','}\n${JSON.stringify(file)}:${JSON.stringify(entry)}`;
    first = false;
  }
  yield '\n}}\n';
}
