/** What the last build recorded about one file. */
export interface ManifestEntry {
  /** Hash of the file's bytes (not computed for pages written fresh: their inputs identify them). */
  hash?: string;
  lastmod: string;
  /** For pages: hash of everything the page is built from, so an unchanged page need not be rendered again. */
  input?: string;
}

/** The record of a build, kept in the output folder so the next build can tell what changed. */
export interface BuildManifest {
  tool: 'clinic-seo';
  version: 1;
  /** Keyed by output file, e.g. `locations/kearney/index.html`. */
  files: Record<string, ManifestEntry>;
}

/**
 * Each file's lastmod: kept from the last build when its bytes are unchanged (`changed: false`, or else the same
 * content hash), otherwise the date of this build (the day the change was first published). Never simply "now"
 * for every page.
 */
export function assignLastmod(
  files: readonly { file: string; hash?: string; input?: string; changed?: boolean }[],
  previous: BuildManifest | undefined,
  today: string,
): BuildManifest {
  const entries: Record<string, ManifestEntry> = {};
  for (const { file, hash, input, changed } of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const before = previous?.files[file];
    const same = before !== undefined && (changed === undefined ? before.hash !== undefined && before.hash === hash : !changed);
    entries[file] = { ...(hash ? { hash } : {}), lastmod: same ? before.lastmod : today, ...(input ? { input } : {}) };
  }
  return { tool: 'clinic-seo', version: 1, files: entries };
}

/** A manifest read back from disk, or undefined when it is missing or not ours. */
export function parseManifest(text: string | undefined): BuildManifest | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<BuildManifest>;
    return value.tool === 'clinic-seo' && value.version === 1 && value.files && typeof value.files === 'object'
      ? (value as BuildManifest)
      : undefined;
  } catch {
    return undefined;
  }
}
