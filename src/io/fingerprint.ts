import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

/** clinic-seo's own compiled code (or sources, in tests). */
const CODE_DIR = path.dirname(fileURLToPath(new URL('../build.js', import.meta.url)));

/** A hash of clinic-seo's own code and of the Handlebars version: what a build's results depend on besides its input. */
export async function codeFingerprint(): Promise<string> {
  return hashFolder(CODE_DIR, { include: /\.(js|ts)$/ }, createHash('sha256').update(Handlebars.VERSION));
}

/** A hash of the templates folder and of the code: when any of them changes, every page is rendered again. */
export async function templatesFingerprint(templatesDir: string): Promise<string> {
  return hashFolder(templatesDir, {}, createHash('sha256').update(await codeFingerprint()));
}

/**
 * A hash of everything in a data folder: names and bytes of the data files, and names, sizes and times of
 * the files under `static/` (pictures are large, and only their names matter to the data).
 */
export async function dataFingerprint(dataDir: string, staticDir: string): Promise<string> {
  return hashFolder(dataDir, { byStat: (relative) => relative === staticDir || relative.startsWith(`${staticDir}${path.sep}`) }, createHash('sha256'));
}

async function hashFolder(
  root: string,
  { include = /./, byStat = () => false }: { include?: RegExp; byStat?: (relative: string) => boolean },
  hash: ReturnType<typeof createHash>,
): Promise<string> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries
    .filter((entry) => entry.isFile() && include.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
  for (const file of files) {
    hash.update(`\n${file}\n`);
    // Synchronous: thousands of small files read one by one are far quicker so than through the thread pool.
    if (byStat(file)) {
      const info = statSync(path.join(root, file));
      hash.update(`${info.size} ${info.mtimeMs}`);
    } else {
      hash.update(readFileSync(path.join(root, file)));
    }
  }
  return hash.digest('base64url');
}
