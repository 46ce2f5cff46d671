import { availableParallelism } from 'node:os';
import { pageInputHasher } from './core/page-inputs.js';
import { countPages, pageGroups, type PageDescriptor } from './core/plan-pages.js';
import { collectGarbage, collectGarbageEvery } from './io/collect-garbage.js';
import { holdYoungGenerationSize } from './io/v8-flags.js';
import { startRenderPool, type LocationRenderPool } from './io/render-in-threads.js';
import { locationRendererSetup, sitePageRenderer, type LocationBatch, type PageJob, type RenderedPage, type RenderTimings } from './io/render-pages.js';
import { PageLedger } from './io/page-ledger.js';
import type { StoredSite } from './io/site-store-format.js';
import type { StagedOutput } from './io/staged-output.js';

/** Below this many pages, worker threads cost more to start than they save. */
const PAGES_PER_THREAD = 2000;
/** Location pages sent to a render thread at a time: enough to keep it busy, few enough to bound memory. */
const PAGES_PER_BATCH = 500;
/** Pages between full garbage collections of this thread, which keep its heap near what it holds. */
const PAGES_PER_COLLECTION = 20_000;
/** Pages walked (rendered or kept) between full garbage collections. */
const PAGES_WALKED_PER_COLLECTION = 100_000;
/** More threads than this only queue at the disk. */
const MAX_THREADS = 4;

export interface RenderSiteOptions {
  templatesDir: string;
  /** Hash of the templates and the code: part of every page's inputs. */
  fingerprint: string;
  /** Render threads; by default one per core once there are enough pages. */
  threads?: number | undefined;
  pagesPerBatch?: number | undefined;
  /** Told as pages are rendered or kept: how many are done, of how many. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** What the render stage did. */
export interface RenderSiteResult {
  pages: number;
  written: number;
  threads: number;
  timings: RenderTimings;
  /** What became of each page, by its place in the walk (eachPage). */
  ledger: PageLedger;
}

/**
 * Render every page whose inputs changed since the last build into the staging folder, and record every page
 * (rendered or kept) in the ledger. The walk goes location by location; location pages go to render workers
 * in batches, a few batches ahead, so neither this thread nor a worker ever holds more than a few batches.
 * Workers start only once there is enough work for them.
 */
export async function renderSite(stored: StoredSite, output: StagedOutput, options: RenderSiteOptions): Promise<RenderSiteResult> {
  // Apart from the input hasher's tables, this thread makes short-lived objects only (the walk). Before the
  // render workers hold the young generation's size (see startRenderPool), Node 24 let this thread's grow from
  // 1 to 67 MB while building those tables for 100,000 locations, and kept it through rendering a million pages.
  const releaseYoungGeneration = countPages(stored.site) >= PAGES_PER_COLLECTION ? holdYoungGenerationSize() : () => undefined;
  try {
    return await renderAndRecord(stored, output, options);
  } finally {
    releaseYoungGeneration();
  }
}

async function renderAndRecord(stored: StoredSite, output: StagedOutput, options: RenderSiteOptions): Promise<RenderSiteResult> {
  const { site } = stored;
  const target = { templatesDir: options.templatesDir, stagingDir: output.stagingDir, outDir: output.outDir };
  // A record's hash is taken when it is stored, before its label is final (see withUniqueLabels).
  const inputOf = pageInputHasher(site, options.fingerprint, (location) => `${location.record.hash} ${location.label}`);
  const ledger = new PageLedger(countPages(site));
  /** Pages out for rendering: their place in the walk, their input hash and the last build's content hash. */
  const rendering = new Map<string, { ordinal: number; input: string; before: string | undefined }>();
  let written = 0;
  /** Pages rendered or kept so far. */
  let done = 0;
  const progress = () => options.onProgress?.(done, ledger.size);
  let sinceCollected = 0;
  const accept = (rendered: RenderedPage[]) => {
    sinceCollected += rendered.length;
    if (sinceCollected >= PAGES_PER_COLLECTION) {
      sinceCollected = 0;
      collectGarbage();
    }
    for (const page of rendered) {
      const { ordinal, input, before } = rendering.get(page.file)!;
      rendering.delete(page.file);
      ledger.record(ordinal, page.hash && page.hash === before ? { input, written: page.written, hashAsBefore: true } : { ...(page.hash ? { hash: page.hash } : {}), input, written: page.written });
      if (page.written) written++;
    }
    done += rendered.length;
    progress();
  };
  let ordinal = 0;
  /** The job for a page whose inputs changed; an unchanged page is recorded as kept. */
  const jobFor = (page: PageDescriptor): PageJob | undefined => {
    const at = ordinal++;
    const input = inputOf(page);
    const before = output.claim(page.file);
    if (before?.input === input) {
      ledger.record(at, { input, written: false, hashAsBefore: before.hash !== undefined });
      done++;
      return undefined;
    }
    rendering.set(page.file, { ordinal: at, input, before: before?.hash });
    return { page, ...(before ? { previous: before.hash ?? null } : {}) };
  };

  const setup = locationRendererSetup(site, stored.file, target);
  let threads = options.threads === undefined ? undefined : Math.max(1, options.threads);
  let pool: LocationRenderPool | undefined;
  const waiting: LocationBatch[] = [];
  const pending: Promise<void>[] = [];
  let failure: unknown;
  const dispatch = async (batch: LocationBatch, last: boolean) => {
    if (batch.jobs.length > 0) waiting.push(batch);
    const queued = waiting.reduce((sum, entry) => sum + entry.jobs.length, 0);
    if (!pool && threads === undefined && (last || queued >= PAGES_PER_THREAD)) threads = last ? 1 : defaultThreads();
    if (!pool && threads !== undefined) pool = await startRenderPool(setup, threads > 1 ? threads : 0);
    for (const entry of pool ? waiting.splice(0) : []) {
      await pool!.ready();
      pending.push(pool!.render(entry).then(accept, (error: unknown) => void (failure ??= error)));
    }
  };
  try {
    progress();
    const siteWideJobs: PageJob[] = [];
    let batch: LocationBatch = { locations: [], jobs: [] };
    for (const { location, pages } of pageGroups(site)) {
      // A rebuild that keeps most pages walks them without waiting for any worker: collect as it goes.
      collectGarbageEvery(PAGES_WALKED_PER_COLLECTION, ordinal, ordinal + pages.length);
      const jobs = pages.map(jobFor).filter((job): job is PageJob => job !== undefined);
      if (jobs.length < pages.length) progress();
      // The few site-wide pages need the whole site: this thread renders them while the workers finish.
      if (!location) siteWideJobs.push(...jobs);
      if (!location || jobs.length === 0) continue;
      batch.locations.push({ slug: location.slug, label: location.label, record: location.record });
      batch.jobs.push(...jobs);
      if (batch.jobs.length >= (options.pagesPerBatch ?? PAGES_PER_BATCH)) {
        await dispatch(batch, false);
        batch = { locations: [], jobs: [] };
      }
    }
    await dispatch(batch, true);
    const siteWide = await sitePageRenderer(site, stored.file, target);
    try {
      accept(siteWide.render(siteWideJobs));
    } finally {
      siteWide.close();
    }
    await Promise.all(pending);
    if (failure) throw failure;
    const timings = await pool!.close();
    for (const key of Object.keys(timings) as (keyof RenderTimings)[]) timings[key] += siteWide.timings[key];
    // The walk and the workers' answers are garbage now; what comes next starts from a clean heap, and the
    // memory this thread's heap grew to while the workers rendered goes back to the system.
    if (ordinal >= PAGES_PER_COLLECTION) collectGarbage({ giveBack: true });
    return { pages: ordinal, written, threads: threads ?? 1, timings, ledger };
  } catch (error) {
    // Workers stop before the caller throws the staging folder away, so none can write into it again.
    await pool?.close();
    throw error;
  }
}

/** Render threads when the build has enough pages for them: one per core, up to a few (the disk is shared). */
function defaultThreads(): number {
  return Math.min(availableParallelism(), MAX_THREADS);
}
