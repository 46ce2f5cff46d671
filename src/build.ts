import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { digest } from './core/digest.js';
import { manifestEntry, manifestText, type ManifestEntry } from './core/lastmod.js';
import { eachPage, isIndexable, type PageDescriptor } from './core/plan-pages.js';
import { planSitemaps, SITEMAP_URL_LIMIT, type SitemapUrl } from './core/plan-sitemaps.js';
import { UserError, type Problem } from './core/problems.js';
import { robotsTxt } from './core/robots.js';
import { absoluteUrl } from './core/urls.js';
import { throttledProgress, type BuildStage, type ProgressListener } from './io/build-progress.js';
import { collectGarbage } from './io/collect-garbage.js';
import { codeFingerprint, dataFingerprints, templatesFingerprint } from './io/fingerprint.js';
import { LOAD_IN_WORKER_LOCATIONS, loadSite } from './io/load-site.js';
import { readSiteStore } from './io/read-site-store.js';
import { SITE_STORE_FILE, type StoredSite } from './io/site-store-format.js';
import { loadTemplates } from './io/load-templates.js';
import { STATIC_DIR } from './io/read-data-dir.js';
import { StagedOutput, type OutputEntry } from './io/staged-output.js';
import { writeSitemaps } from './io/write-sitemap.js';
import { holdYoungGenerationSize } from './io/v8-flags.js';
import { renderSite } from './render-site.js';

/** Pages walked between full garbage collections while the sitemaps and the manifest are written. */
const PAGES_PER_COLLECTION = 100_000;
/** Pages walked between two progress reports (which are throttled again). */
const PAGES_PER_PROGRESS = 1000;

/** The templates that ship with clinic-seo. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../templates', import.meta.url));

/** Options of one build. */
export interface BuildOptions {
  dataDir: string;
  outDir: string;
  /** Overrides `baseUrl` from site.yaml (e.g. a staging host). */
  baseUrl?: string;
  templatesDir?: string;
  /** The build's date, for the lastmod of changed pages. Defaults to SOURCE_DATE_EPOCH or now. */
  now?: Date;
  /** Treat warnings as errors (for CI): the build fails before writing anything. */
  strict?: boolean;
  /** URLs per sitemap file before splitting into an index (tests use a small one). */
  sitemapLimit?: number;
  /** Render threads; by default one per core for large sites, none for small ones. */
  threads?: number;
  /** Worker threads that load the data, 0 for none; by default one for 1,000 location files or more (see loadSite). */
  loadThreads?: number;
  /** Location pages sent to a render thread at a time (tests use a small number to exercise many batches). */
  pagesPerBatch?: number;
  /**
   * Told how far the build is: location files loaded (when the data changed), then pages rendered or kept,
   * listed in the sitemaps, recorded in the manifest and (for an output updated in place) moved into it (see
   * BuildStage). Called at most every 50 ms within a stage, and always at each stage's start and end.
   */
  onProgress?: ProgressListener;
}

/** What a build did. */
export interface BuildResult {
  outDir: string;
  pages: number;
  /** Pages written by this build, kept unchanged from the last one, and removed because they are gone. */
  written: number;
  unchanged: number;
  removed: number;
  /** Location files whose record was taken from the last build as it was, the file being unchanged. */
  reusedLocations: number;
  sitemapFiles: string[];
  warnings: Problem[];
  durationMs: number;
  threads: number;
  /** Milliseconds per stage; plan, render and write add up the time of every thread. */
  stages: { load: number; plan: number; render: number; write: number; sitemap: number; commit: number; renderWall: number };
}

/** Build a site: load and validate data, plan, render and write pages, and commit the output atomically. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  let mark = started;
  const lap = () => {
    const now = performance.now();
    const elapsed = now - mark;
    mark = now;
    return elapsed;
  };
  const onProgress = throttledProgress(options.onProgress);
  const { stored, output } = await loadAndOpen({ ...options, onProgress });
  const { site, warnings } = stored;
  const load = lap();
  let releaseYoungGeneration = () => undefined as void;
  try {
    const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES_DIR;
    const fingerprint = await templatesFingerprint(templatesDir);
    const rendered = await renderSite(stored, output, {
      templatesDir, fingerprint, threads: options.threads, pagesPerBatch: options.pagesPerBatch,
      onProgress: onProgress && ((done, total) => onProgress({ stage: 'render', done, total })),
    });
    const renderWall = lap();
    // What the walks below make dies at once. On Node 24 this thread's young generation grew from 2 MB (given
    // back after rendering) to 130 MB here anyway, which put a 110,000-page build's peak in this stage.
    releaseYoungGeneration = holdYoungGenerationSize();
    const { ledger } = rendered;
    /** Every page with its place in the walk, the key to its ledger entry; a walk of a stage reports its progress. */
    function* walk(stage?: BuildStage): Generator<[PageDescriptor, number]> {
      let ordinal = 0;
      const progress = stage && onProgress && (() => onProgress({ stage, done: ordinal, total: ledger.size }));
      progress?.();
      for (const page of eachPage(site)) {
        // What each page makes here (URLs, manifest lines) is garbage at once; collect it before V8 lets the
        // heap grow to twice what is live.
        if (ordinal > 0 && ordinal % PAGES_PER_COLLECTION === 0) collectGarbage();
        if (ordinal % PAGES_PER_PROGRESS === 0) progress?.();
        yield [page, ordinal++];
      }
      progress?.();
    }
    const pagesAmong = (files: string[]) => {
      // Every page is an HTML file: assets and images need no walk over the pages.
      const wanted = new Set(files.filter((file) => file.endsWith('.html')));
      const found = new Set<string>();
      if (wanted.size > 0) for (const [page] of walk()) if (wanted.has(page.file)) found.add(page.file);
      return found;
    };
    await output.copyFolder(path.join(templatesDir, 'assets'), 'assets', pagesAmong);

    const today = buildDate(options.now);
    const entryOf = (file: string, entry: OutputEntry | ((before: ManifestEntry | undefined) => OutputEntry)) => {
      const before = output.before(file);
      const { hash, input, written: changed } = typeof entry === 'function' ? entry(before) : entry;
      return manifestEntry(before, { hash, input, changed }, today);
    };
    /** A page's manifest entry, from the ledger and (for a hash kept as it was) the last manifest. */
    const pageEntry = (file: string, ordinal: number) => entryOf(file, (before) => ledger.get(ordinal, before));
    function* sitemapUrls(): Generator<SitemapUrl> {
      for (const [page, ordinal] of walk('sitemap')) {
        if (isIndexable(page)) yield { url: absoluteUrl(site.baseUrl, page.route), lastmod: pageEntry(page.file, ordinal).lastmod };
      }
    }
    const sitemapFiles = await writeSitemaps(output, planSitemaps(sitemapUrls(), site.baseUrl, options.sitemapLimit ?? SITEMAP_URL_LIMIT), fingerprint);
    await output.write('robots.txt', robotsTxt(`${site.baseUrl}/sitemap.xml`));
    // Last, so a static file can never silently replace a generated one.
    await output.copyFolder(path.join(options.dataDir, STATIC_DIR), '.', pagesAmong);
    const sitemap = lap();

    const removed = (await output.removedFiles()).filter((file) => file.endsWith('.html')).length;
    const otherFiles = [...output.entries.keys()].sort();
    // The pages in the order of the walk, then every other file by name.
    await output.commit(
      manifestText((function* () {
        for (const [page, ordinal] of walk('commit')) yield [page.file, pageEntry(page.file, ordinal)] as [string, ManifestEntry];
        for (const file of otherFiles) yield [file, entryOf(file, output.entries.get(file)!)] as [string, ManifestEntry];
      })()),
      (function* () {
        for (const [page, ordinal] of walk('update')) if (ledger.written(ordinal)) yield page.file;
      })(),
    );
    return {
      outDir: output.outDir,
      pages: rendered.pages,
      written: rendered.written,
      unchanged: rendered.pages - rendered.written,
      removed,
      reusedLocations: stored.reusedLocations ?? site.locations.length,
      sitemapFiles: sitemapFiles.sort(),
      warnings,
      durationMs: performance.now() - started,
      threads: rendered.threads,
      stages: { load, ...rendered.timings, sitemap, commit: lap(), renderWall },
    };
  } catch (error) {
    await output.abort();
    throw error;
  } finally {
    releaseYoungGeneration();
  }
}

/**
 * Open the output, and load the site into a store staged in it (or take the last build's store when nothing it
 * came from has changed), and check the templates. On any failure the staging folder is thrown away.
 */
async function loadAndOpen(options: BuildOptions): Promise<{ stored: StoredSite; output: StagedOutput }> {
  // The key is worked out before the data is read: a file saved during the load then makes the next build's
  // key differ, instead of being stored with a model that predates it.
  const keys = await siteStoreKeys(options);
  const output = await StagedOutput.open(options.outDir, { manifestLater: true });
  try {
    const stored = await loadOrReuse(options, keys, output);
    if (options.strict && stored.warnings.length > 0) throw new UserError(stored.warnings.map((warning) => ({ ...warning, severity: 'error' })));
    await loadTemplates(options.templatesDir ?? DEFAULT_TEMPLATES_DIR); // fail on template errors before any thread starts
    return { stored, output };
  } catch (error) {
    await output.abort();
    throw error;
  }
}

async function loadOrReuse(options: BuildOptions, keys: { key: string; sourcesKey: string }, output: StagedOutput): Promise<StoredSite> {
  const stored = await loadOrReuseStore(options, keys, output);
  // After a load, only now: the last manifest (some 60 bytes a file) and the load threads' peak do not add up.
  await output.readPreviousManifest();
  // Reading the index and the manifest grew this thread's young generation (to 134 MB on Node 24 at a million
  // pages), which would otherwise stay through rendering: give it back.
  if (stored.site.locations.length >= LOAD_IN_WORKER_LOCATIONS) collectGarbage({ giveBack: true });
  return stored;
}

async function loadOrReuseStore(options: BuildOptions, keys: { key: string; sourcesKey: string }, output: StagedOutput): Promise<StoredSite> {
  const current = output.resolve(output.outDir, SITE_STORE_FILE);
  const cached = await readSiteStore(current, keys.key);
  if (cached) await output.readPreviousManifest();
  // An output updated in place keeps its store as it is; an output replaced whole takes a copy along.
  if (cached && output.previous) return cached;
  const staged = await output.stateFile(SITE_STORE_FILE);
  if (cached) {
    await copyFile(current, staged);
    return { ...cached, file: staged };
  }
  // The records of location files that did not change are taken from the current store as they are.
  const { onProgress } = options;
  return loadSite(options.dataDir, { file: staged, ...keys, previous: current }, {
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.loadThreads !== undefined ? { threads: options.loadThreads } : {}),
    ...(onProgress ? { onProgress: (done: number, total: number) => onProgress({ stage: 'load', done, total }) } : {}),
  });
}

/**
 * What the site model depends on: the data, the code, the base URL, and the paths warnings name files by (the
 * data folder as given, relative to the working folder); and all that but the location files.
 */
async function siteStoreKeys(options: BuildOptions): Promise<{ key: string; sourcesKey: string }> {
  const data = await dataFingerprints(options.dataDir);
  const rest = [await codeFingerprint(), options.baseUrl ?? '', process.cwd(), options.dataDir, path.resolve(options.dataDir)];
  const key = (fingerprint: string) => digest('sha256', [fingerprint, ...rest].join('\n'));
  return { key: key(data.all), sourcesKey: key(data.withoutLocations) };
}

/** `YYYY-MM-DD` of the build: the given date, SOURCE_DATE_EPOCH (reproducible builds), or today (UTC). */
function buildDate(now: Date | undefined): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = now ?? (epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date());
  return date.toISOString().slice(0, 10);
}
