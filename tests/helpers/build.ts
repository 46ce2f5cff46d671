import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { buildSite, type BuildOptions, type BuildResult } from '../../src/build.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DEFAULT_DATA = path.join(ROOT, 'data');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary folder, removed after the test file. */
export async function tempDir(prefix = 'clinic-seo-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Build a data folder into a new temporary output folder. */
export async function buildInto(
  dataDir: string,
  options: Partial<BuildOptions> = {},
): Promise<BuildResult & { outDir: string }> {
  const outDir = options.outDir ?? path.join(await tempDir(), 'dist');
  const result = await buildSite({ dataDir, outDir, now: new Date('2026-11-27T12:00:00Z'), ...options });
  return { ...result, outDir };
}

/** Every file of a folder, relative paths, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Every file of a folder with its bytes, for byte-for-byte comparisons. */
export async function snapshotFolder(dir: string): Promise<Map<string, Buffer>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(path.join(dir, file))] as const)));
}
