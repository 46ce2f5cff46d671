import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceFile } from '../core/parse-source.js';
import type { Problem } from '../core/problems.js';
import type { DataSources } from '../core/validate-dataset.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Files under `data/static/` are copied to the output as they are (images, logo, PDFs). */
export const STATIC_DIR = 'static';

/** Read every data file of a data folder as text. Problems (unreadable, not UTF-8) are collected, not thrown. */
export async function readDataDir(dataDir: string): Promise<{ sources: DataSources; problems: Problem[]; fatal: boolean }> {
  const { sources, locations, problems, fatal } = await openDataDir(dataDir);
  return { sources: { ...sources, locations: [...locations] }, problems, fatal };
}

/**
 * Read a data folder's site, services and conditions, and give its location files one at a time, read as
 * they are iterated: a chain of any size is never held whole. Problems (unreadable, not UTF-8) go to
 * `problems` as they are found. `locationFiles` (paths as listDataFiles gives them) replaces the folder's
 * list of location files: a thread that loads part of a chain reads only its part.
 */
export async function openDataDir(dataDir: string, locationFiles?: readonly string[]): Promise<OpenedDataDir> {
  const problems: Problem[] = [];
  const display = (file: string) => path.relative(process.cwd(), file) || file;
  const nothing = { sources: { services: [], conditions: [], staticFiles: [] }, locations: [], locationFiles: 0, problems, fatal: true };
  const info = await stat(dataDir).catch(() => undefined);
  if (!info?.isDirectory()) {
    problems.push({
      severity: 'error',
      file: display(dataDir),
      message: info ? 'this is a file, not the data folder' : 'the data folder does not exist',
      hint: 'pass the folder that holds site.yaml with --data, or run from the folder that contains data/',
    });
    return nothing;
  }

  if ((await readdir(dataDir)).length === 0) {
    problems.push({
      severity: 'error',
      file: display(dataDir),
      message: 'the data folder is empty',
      hint: 'add site.yaml and one file per location in locations/ (the README has a full example of every file)',
    });
    return nothing;
  }

  // One file at a time, synchronously: thousands of concurrent reads cost more (buffers, thread pool round
  // trips) than they save on a local disk.
  const readSource = (file: string): SourceFile | undefined => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      problems.push({ severity: 'error', file: display(file), message: `the file cannot be read (${(error as Error).message})`,
        hint: 'check that the file exists and is readable' });
      return undefined;
    }
    try {
      return { file: display(file), text: utf8.decode(bytes) };
    } catch {
      problems.push({ severity: 'error', file: display(file), message: 'the file is not valid UTF-8 text',
        hint: 'save it again as UTF-8 in your editor or spreadsheet export' });
      // Still validated (with the bad bytes replaced), so its slug is known and the rest of it is checked.
      return { file: display(file), text: new TextDecoder('utf-8').decode(bytes) };
    }
  };
  const files = await listDataFiles(dataDir);
  const readAll = (list: string[]) => list.map(readSource).filter((source): source is SourceFile => source !== undefined);
  const site = files.site ? readSource(files.site) : undefined;
  const sources = {
    ...(site ? { site } : {}),
    services: readAll(files.services),
    conditions: readAll(files.conditions),
    staticFiles: files.staticFiles,
  };
  const locationList = locationFiles ?? files.locations;
  function* locations(): Generator<SourceFile> {
    for (const file of locationList) {
      const source = readSource(file);
      if (source) yield source;
    }
  }
  return { sources, locations: { [Symbol.iterator]: locations }, locationFiles: locationList.length, problems, fatal: false };
}

/** A data folder opened by openDataDir. */
export interface OpenedDataDir {
  sources: Omit<DataSources, 'locations'>;
  /** Read one at a time as they are iterated; an unreadable file is left out (its problem is in `problems`). */
  locations: Iterable<SourceFile>;
  /** How many location files there are to read. */
  locationFiles: number;
  problems: Problem[];
  fatal: boolean;
}

/** The files a data folder's model is read from: paths of the data files, and site paths of the static files. */
export interface DataFiles {
  site?: string;
  locations: string[];
  services: string[];
  conditions: string[];
  /** Site paths such as `/images/logo.png`: only their names matter to the data. */
  staticFiles: string[];
}

/** List the files `readDataDir` reads, sorted; the site model's cache is keyed on exactly these. */
export async function listDataFiles(dataDir: string): Promise<DataFiles> {
  const list = async (folder: string, extensions: string[]) => {
    const names = await readdir(path.join(dataDir, folder)).catch(() => [] as string[]);
    return names.filter((name) => extensions.includes(path.extname(name).toLowerCase()) && !name.startsWith('.')).sort().map((name) => path.join(dataDir, folder, name));
  };
  const siteFiles = ['site.yaml', 'site.yml'].map((name) => path.join(dataDir, name));
  const siteExists = await Promise.all(siteFiles.map((file) => stat(file).then(() => true, () => false)));
  const site = siteFiles[siteExists.indexOf(true)];
  return {
    ...(site ? { site } : {}),
    locations: await list('locations', ['.yaml', '.yml']),
    services: await list('services', ['.md', '.markdown']),
    conditions: await list('conditions', ['.md', '.markdown']),
    staticFiles: await listStaticFiles(path.join(dataDir, STATIC_DIR)),
  };
}

/** Site paths (`/images/logo.png`) of every file under the static folder. */
async function listStaticFiles(staticDir: string): Promise<string[]> {
  const entries = await readdir(staticDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => `/${path.relative(staticDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`)
    .sort();
}
