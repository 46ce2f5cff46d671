import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestEntry, manifestText, type ManifestEntry } from './core/lastmod.js';
import { pageInputHasher } from './core/page-inputs.js';
import { eachPage, isIndexable, locationPages, sitePages, type PageDescriptor } from './core/plan-pages.js';
import { planSitemaps, SITEMAP_URL_LIMIT, type SitemapUrl } from './core/plan-sitemaps.js';
import { UserError, type Problem } from './core/problems.js';
import { robotsTxt } from './core/robots.js';
import { absoluteUrl } from './core/urls.js';
import { collectGarbage } from './io/collect-garbage.js';
import { codeFingerprint, dataFingerprint, templatesFingerprint } from './io/fingerprint.js';
import { loadSite } from './io/load-site.js';
import { hasSiteCache, readSiteCache, SITE_CACHE_FILE, siteCacheBytes } from './io/site-cache.js';
import { loadTemplates } from './io/load-templates.js';
import { STATIC_DIR } from './io/read-data-dir.js';
import { startRenderPool, type LocationRenderPool } from './io/render-in-threads.js';
import { locationRendererSetup, sitePageRenderer, type LocationBatch, type PageJob, type RenderedPage, type RenderTimings } from './io/render-pages.js';
import { StagedOutput } from './io/staged-output.js';
import { writeSitemaps } from './io/write-sitemap.js';

/** The templates that ship with clinic-seo. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../templates', import.meta.url));

/** Below this many pages, worker threads cost more to start than they save. */
const PAGES_PER_THREAD = 2000;
/** Location pages sent to a render thread at a time: enough to keep it busy, few enough to bound memory. */
const PAGES_PER_BATCH = 500;
/** Pages between full garbage collections of this thread, which keep its heap near what it holds. */
const PAGES_PER_COLLECTION = 20_000;
/** More threads than this only queue at the disk. */
const MAX_THREADS = 4;

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
  /** Load the data in a worker thread; by default only for large chains (see loadSite). */
  loadInWorker?: boolean;
  /** Location pages sent to a render thread at a time (tests use a small number to exercise many batches). */
  pagesPerBatch?: number;
}

/** What a build did. */
export interface BuildResult {
  outDir: string;
  pages: number;
  /** Pages written by this build, kept unchanged from the last one, and removed because they are gone. */
  written: number;
  unchanged: number;
  removed: number;
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
  // The model of the last build when nothing it came from has changed, else the data loaded afresh.
  // Without a cache to compare with, its key is worked out while the data loads.
  let cacheKey = (await hasSiteCache(options.outDir)) ? await siteCacheKey(options) : undefined;
  const cached = cacheKey ? await readSiteCache(options.outDir, cacheKey) : undefined;
  const loaded = cached ?? (await loadSite(options.dataDir, {
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.loadInWorker !== undefined ? { inWorker: options.loadInWorker } : {}),
    meanwhile: async () => (cacheKey ??= await siteCacheKey(options)),
  }));
  const { site, warnings } = loaded;
  if (options.strict && warnings.length > 0) throw new UserError(warnings.map((warning) => ({ ...warning, severity: 'error' })));
  const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES_DIR;
  await loadTemplates(templatesDir); // fail on template errors before any thread starts
  const load = lap();
  const listing = lap();

  const output = await StagedOutput.open(options.outDir);
  let pool: LocationRenderPool | undefined;
  try {
    if (!cached || !output.previous) await output.writeState(SITE_CACHE_FILE, siteCacheBytes(cacheKey!, loaded.serialized));
    // Pages whose inputs are unchanged since the last build are neither planned nor rendered again.
    const fingerprint = await templatesFingerprint(templatesDir);
    const inputOf = pageInputHasher(site, fingerprint);
    const target = { templatesDir, stagingDir: output.stagingDir, outDir: output.outDir };
    const inputs = new Map<string, string>();
    let written = 0;
    let pageCount = 0;
    let sinceCollected = 0;
    const accept = (pages: RenderedPage[]) => {
      sinceCollected += pages.length;
      if (sinceCollected >= PAGES_PER_COLLECTION) {
        sinceCollected = 0;
        collectGarbage();
      }
      for (const page of pages) {
        output.record(page.file, { ...(page.hash ? { hash: page.hash } : {}), input: inputs.get(page.file)!, written: page.written });
        inputs.delete(page.file);
        if (page.written) written++;
      }
    };
    /** The job for a page whose inputs changed; an unchanged page is recorded as kept. */
    const jobFor = (page: PageDescriptor): PageJob | undefined => {
      pageCount++;
      const input = inputOf(page);
      const before = output.before(page.file);
      if (before?.input === input) {
        output.record(page.file, { ...(before.hash ? { hash: before.hash } : {}), input, written: false });
        return undefined;
      }
      inputs.set(page.file, input);
      return { page, ...(before ? { previous: before.hash ?? null } : {}) };
    };

    // Location pages go to render workers in batches, a few batches ahead, so neither the build nor a
    // worker ever holds more than a few batches. Workers start only once there is enough work for them.
    const setup = locationRendererSetup(site, target);
    let threads = options.threads === undefined ? undefined : Math.max(1, options.threads);
    const waiting: LocationBatch[] = [];
    const pending: Promise<void>[] = [];
    let failure: unknown;
    const send = async (batch: LocationBatch) => {
      await pool!.ready();
      pending.push(pool!.render(batch).then(accept, (error: unknown) => void (failure ??= error)));
    };
    const dispatch = async (batch: LocationBatch, last: boolean) => {
      if (batch.jobs.length > 0) waiting.push(batch);
      const queued = waiting.reduce((sum, entry) => sum + entry.jobs.length, 0);
      if (!pool && threads === undefined && (last || queued >= PAGES_PER_THREAD)) threads = last ? 1 : defaultThreads();
      if (!pool && threads !== undefined) pool = await startRenderPool(setup, threads > 1 ? threads : 0);
      if (pool) for (const entry of waiting.splice(0)) await send(entry);
    };
    let batch: LocationBatch = { locations: [], jobs: [] };
    for (const location of site.locations) {
      const jobs = locationPages(location).map(jobFor).filter((job): job is PageJob => job !== undefined);
      if (jobs.length === 0) continue;
      batch.locations.push(location);
      batch.jobs.push(...jobs);
      if (batch.jobs.length >= (options.pagesPerBatch ?? PAGES_PER_BATCH)) {
        await dispatch(batch, false);
        batch = { locations: [], jobs: [] };
      }
    }
    await dispatch(batch, true);
    // The few site-wide pages need the whole site: this thread renders them while the workers finish.
    const siteWide = await sitePageRenderer(site, target);
    accept(siteWide.render(sitePages(site).map(jobFor).filter((job): job is PageJob => job !== undefined)));
    await Promise.all(pending);
    if (failure) throw failure;
    const timings = await pool!.close();
    pool = undefined;
    for (const key of Object.keys(timings) as (keyof RenderTimings)[]) timings[key] += siteWide.timings[key];
    // The walk and the workers' answers are garbage now; the sitemaps and the manifest start from a clean heap.
    if (pageCount >= PAGES_PER_COLLECTION) collectGarbage();
    const renderWall = lap();
    await output.copyFolder(path.join(templatesDir, 'assets'), 'assets');

    const today = buildDate(options.now);
    const entryOf = (file: string) => {
      const { hash, input, written: changed } = output.entries.get(file)!;
      return manifestEntry(output.before(file), { hash, input, changed }, today);
    };
    function* sitemapUrls(): Generator<SitemapUrl> {
      for (const page of eachPage(site)) if (isIndexable(page)) yield { url: absoluteUrl(site.baseUrl, page.route), lastmod: entryOf(page.file).lastmod };
    }
    const sitemapFiles = await writeSitemaps(output, planSitemaps(sitemapUrls(), site.baseUrl, options.sitemapLimit ?? SITEMAP_URL_LIMIT), fingerprint);
    await output.write('robots.txt', robotsTxt(`${site.baseUrl}/sitemap.xml`));
    // Last, so a static file can never silently replace a generated one.
    await output.copyFolder(path.join(options.dataDir, STATIC_DIR), '.');
    const sitemap = lap();

    const removed = output.removedFiles().filter((file) => file.endsWith('.html')).length;
    const files = [...output.entries.keys()].sort();
    await output.commit(manifestText((function* () {
      for (const file of files) yield [file, entryOf(file)] as [string, ManifestEntry];
    })()));
    return {
      outDir: output.outDir,
      pages: pageCount,
      written,
      unchanged: pageCount - written,
      removed,
      sitemapFiles: sitemapFiles.sort(),
      warnings,
      durationMs: performance.now() - started,
      threads: threads ?? 1,
      stages: {
        load,
        plan: listing + timings.plan,
        render: timings.render,
        write: timings.write,
        sitemap,
        commit: lap(),
        renderWall,
      },
    };
  } catch (error) {
    // Workers stop before the staging folder goes, so none can write into it again.
    await pool?.close();
    await output.abort();
    throw error;
  }
}

/** Render threads when the build has enough pages for them: one per core, up to a few (the disk is shared). */
function defaultThreads(): number {
  return Math.min(availableParallelism(), MAX_THREADS);
}

/** What the site model depends on: the data, the code, the base URL, and the folder messages are relative to. */
async function siteCacheKey(options: BuildOptions): Promise<string> {
  const parts = [await dataFingerprint(options.dataDir, STATIC_DIR), await codeFingerprint(), options.baseUrl ?? '', process.cwd()];
  return createHash('sha256').update(parts.join('\n')).digest('base64url');
}

/** `YYYY-MM-DD` of the build: the given date, SOURCE_DATE_EPOCH (reproducible builds), or today (UTC). */
function buildDate(now: Date | undefined): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = now ?? (epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date());
  return date.toISOString().slice(0, 10);
}
