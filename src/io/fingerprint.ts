import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listDataFiles } from './read-data-dir.js';

/** clinic-seo's own compiled code (or sources, in tests). */
const CODE_DIR = path.dirname(fileURLToPath(new URL('../build.js', import.meta.url)));

/** The libraries whose output ends up in the site model, the pages or the sitemaps. */
const LIBRARIES = ['handlebars', 'markdown-it', 'libphonenumber-js', 'js-yaml', 'yaml', 'zod', 'sitemap'];

/**
 * A hash of what a build's results depend on besides its input: clinic-seo's own code, the installed versions
 * of the libraries that shape the output, and Node's version (sorting and Unicode come from its ICU).
 */
export async function codeFingerprint(): Promise<string> {
  const hash = createHash('sha256').update(`node ${process.versions.node} icu ${process.versions.icu ?? '-'}\n`);
  for (const name of LIBRARIES) hash.update(`${name} ${installedVersion(name)}\n`);
  const entries = await readdir(CODE_DIR, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && /\.(js|ts)$/.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name)).sort();
  for (const file of files) hashPart(hash, path.relative(CODE_DIR, file), await readFile(file));
  return hash.digest('base64url');
}

/** A hash of the templates folder and of the code: when any of them changes, every page is rendered again. */
export async function templatesFingerprint(templatesDir: string): Promise<string> {
  const hash = createHash('sha256').update(await codeFingerprint());
  const entries = await readdir(templatesDir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).sort();
  for (const file of files) hashPart(hash, path.relative(templatesDir, file), await readFile(file));
  return hash.digest('base64url');
}

/**
 * Hashes of exactly what the site model is read from: the bytes of every data file the loader reads (through
 * symbolic links, as it does) and the names of the static files (`all`); and of all that but the location
 * files (`withoutLocations`), under which a load may reuse what it stored of unchanged location files. A file
 * that cannot be read counts as such; the load reports it.
 */
export async function dataFingerprints(dataDir: string): Promise<{ all: string; withoutLocations: string }> {
  const files = await listDataFiles(dataDir);
  const all = createHash('sha256');
  const withoutLocations = createHash('sha256');
  const hashFiles = (list: string[], hashes: Hash[]) => {
    for (const file of list) {
      let bytes: Buffer;
      try {
        // Synchronous: thousands of small files read one by one are far quicker so than through the thread pool.
        bytes = readFileSync(file);
      } catch (error) {
        bytes = Buffer.from(`unreadable: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      for (const hash of hashes) hashPart(hash, path.relative(dataDir, file), bytes);
    }
  };
  hashFiles(files.site ? [files.site] : [], [all, withoutLocations]);
  hashFiles(files.locations, [all]);
  hashFiles([...files.services, ...files.conditions], [all, withoutLocations]);
  for (const hash of [all, withoutLocations]) hashPart(hash, 'static files', Buffer.from(files.staticFiles.join('\n')));
  return { all: all.digest('base64url'), withoutLocations: withoutLocations.digest('base64url') };
}

/** Add a named part with its length, so no two different sets of parts hash the same. */
function hashPart(hash: Hash, name: string, bytes: Uint8Array): void {
  hash.update(`${name.length}:${name}:${bytes.length}:`).update(bytes);
}

function installedVersion(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    let dir = path.dirname(require.resolve(name));
    while (dir !== path.dirname(dir)) {
      try {
        const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (manifest.name === name) return manifest.version ?? 'unknown';
      } catch {
        // no package.json here: look further up
      }
      dir = path.dirname(dir);
    }
  } catch {
    // not resolvable from here
  }
  return 'unknown';
}
