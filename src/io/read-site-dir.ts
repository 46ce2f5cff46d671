import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import type { SiteSnapshot, SitemapFile } from '../core/check/snapshot.js';
import { parseRobotsTxt } from '../core/check/robots-txt.js';
import { sharedValues } from '../core/check/shared-values.js';
import { UserError } from '../core/problems.js';
import { loadVocabulary } from './load-vocabulary.js';
import { parsePageFile, unreadablePage } from './read-page-file.js';
import { readPagesInThreads } from './read-pages-in-threads.js';
import { validateSitemapXml } from './validate-sitemap-xml.js';

/** Read a folder of static HTML (ours or anyone's) into a snapshot for `check`. */
export async function readSiteDir(dir: string, options: ReadSiteOptions = {}): Promise<SiteSnapshot> {
  const display = path.relative(process.cwd(), dir) || '.';
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => {
    throw new UserError([{ severity: 'error', file: display, message: 'the folder does not exist', hint: 'pass the folder of the built site, e.g. clinic-seo check dist' }]);
  });
  const files = new Set(
    entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')),
  );
  const htmlFiles = [...files].filter((file) => file.endsWith('.html') && !file.startsWith('.')).sort();
  if (htmlFiles.length === 0) {
    throw new UserError([{ severity: 'error', file: display, message: 'the folder has no HTML pages', hint: 'build the site first (clinic-seo build), then check its output folder' }]);
  }
  const read = (file: string) => readFile(path.join(dir, file), 'utf8');
  const robots = files.has('robots.txt') ? await read('robots.txt') : undefined;
  const baseUrl = (options.baseUrl ?? (await inferBaseUrl(files, read, robots)))?.replace(/\/+$/, '');
  if (!baseUrl) {
    throw new UserError([{ severity: 'error', file: display, message: 'cannot tell the URL the site is served from',
      hint: 'pass it with --base-url https://www.example.com (or give index.html a canonical link)' }]);
  }
  const localBusinessTypes = (await loadVocabulary()).typesThatAre('LocalBusiness');
  const context = { baseUrl, localBusinessTypes: new Set(localBusinessTypes) };
  const shared = sharedValues();
  let done = 0;
  const { onPage } = options;
  onPage?.(done, htmlFiles.length);
  const threads = options.threads ?? (htmlFiles.length >= PAGES_PER_THREAD ? Math.min(availableParallelism(), MAX_THREADS) : 0);
  if (!Number.isInteger(threads) || threads < 0) throw new RangeError(`threads must be a whole number, 0 or more (0 parses in this thread), not ${String(threads)}`);
  const pages = threads > 0
    ? await readPagesInThreads({ dir, baseUrl, localBusinessTypes }, htmlFiles, { threads, pagesPerBatch: options.pagesPerBatch }, shared, onPage && (() => onPage(++done, htmlFiles.length)))
    : await mapInOrder(htmlFiles, READS_AT_ONCE, async (file) => {
      const page = parsePageFile(dir, file, await read(file).catch((error: unknown) => { throw unreadablePage(dir, file, error); }), context, shared);
      onPage?.(++done, htmlFiles.length);
      return page;
    });
  return { baseUrl, files, pages, sitemaps: await readSitemaps(files, read, baseUrl, robots), ...(robots !== undefined ? { robots } : {}) };
}

/** What readSiteDir may be told. */
export interface ReadSiteOptions {
  /** The URL the folder is served from; inferred from index.html's canonical or robots.txt when absent. */
  baseUrl?: string;
  /** Told after each page is read: how many are done, of how many. */
  onPage?: (done: number, total: number) => void;
  /** Threads that parse the pages, 0 for none; by default one per core (up to four) from 2,000 pages on. */
  threads?: number;
  /** Pages a thread parses at a time (tests use a small number to exercise many batches). */
  pagesPerBatch?: number;
}

/** Below this many pages, starting threads to parse them costs more than it saves. */
const PAGES_PER_THREAD = 2000;
/** Parsing threads beyond this only queue for the disk and the main thread. */
const MAX_THREADS = 4;

/**
 * Files read at a time in this thread. Reading every page at once ran out of file handles (EMFILE) at 110,000 pages, and held
 * every page's text at the same time.
 */
const READS_AT_ONCE = 16;

/** `map` over `items` with at most `limit` calls pending at a time; results in the order of the items. */
async function mapInOrder<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const work = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, work));
  return results;
}

async function inferBaseUrl(files: Set<string>, read: (file: string) => Promise<string>, robots: string | undefined): Promise<string | undefined> {
  if (files.has('index.html')) {
    const canonical = cheerio.load(await read('index.html'))('link[rel="canonical"]').attr('href');
    if (canonical && /^https?:\/\//.test(canonical)) return canonical;
  }
  const sitemap = robots ? parseRobotsTxt(robots).sitemaps.find((url) => /^https?:\/\/.+\/[^/]+\.xml$/.test(url)) : undefined;
  return sitemap?.replace(/\/[^/]+\.xml$/, '');
}

/** sitemap.xml, the sitemaps robots.txt names, and the sitemaps their indexes name, each read and validated once. */
async function readSitemaps(files: Set<string>, read: (file: string) => Promise<string>, baseUrl: string, robots: string | undefined): Promise<SitemapFile[]> {
  const base = new URL(baseUrl);
  const toFile = (url: string) => {
    try {
      const parsed = new URL(url, `${baseUrl}/`);
      const prefix = base.pathname.replace(/\/$/, '');
      return parsed.host === base.host && parsed.pathname.startsWith(`${prefix}/`) ? decodeURIComponent(parsed.pathname.slice(prefix.length + 1)) : undefined;
    } catch {
      return undefined;
    }
  };
  const queue = ['sitemap.xml', ...(robots ? parseRobotsTxt(robots).sitemaps.map(toFile) : [])].filter((file): file is string => !!file && files.has(file));
  const result: SitemapFile[] = [];
  const done = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (done.has(file)) continue;
    done.add(file);
    const xml = await read(file);
    result.push({ file, xml, bytes: Buffer.byteLength(xml), schemaErrors: await validateSitemapXml(file, xml) });
    if (/<sitemapindex[\s>]/.test(xml)) {
      const $ = cheerio.load(xml, { xml: true });
      for (const loc of $('sitemap > loc').toArray()) {
        const child = toFile($(loc).text().trim());
        if (child && files.has(child)) queue.push(child);
      }
    }
  }
  return result.sort((a, b) => a.file.localeCompare(b.file));
}
