import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { assignLastmod } from './core/lastmod.js';
import { normalizeDataset } from './core/normalize.js';
import { pageInputHashes } from './core/page-inputs.js';
import { isIndexable, listPages, type PageDescriptor } from './core/plan-pages.js';
import { planSitemaps, SITEMAP_URL_LIMIT } from './core/plan-sitemaps.js';
import { UserError, type Problem } from './core/problems.js';
import { robotsTxt } from './core/robots.js';
import type { SiteModel } from './core/site-model.js';
import { absoluteUrl } from './core/urls.js';
import { loadDataset } from './io/load-dataset.js';
import { loadTemplates } from './io/load-templates.js';
import { STATIC_DIR } from './io/read-data-dir.js';
import { renderInThreads } from './io/render-in-threads.js';
import { StagedOutput } from './io/staged-output.js';
import { renderSitemaps } from './io/write-sitemap.js';

/** The templates that ship with clinic-seo. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../templates', import.meta.url));

/** Below this many pages, worker threads cost more to start than they save. */
const PAGES_PER_THREAD = 2000;

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
  const { site, warnings } = await loadSite(options);
  const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES_DIR;
  await loadTemplates(templatesDir); // fail on template errors before any thread starts
  const load = lap();
  const descriptors = listPages(site);
  const listing = lap();

  const output = await StagedOutput.open(options.outDir);
  try {
    // Pages whose inputs are unchanged since the last build are neither planned nor rendered again.
    const inputs = pageInputHashes(site, descriptors, await templatesFingerprint(templatesDir));
    const before = (page: PageDescriptor) => output.previous?.files[page.file];
    const changed = descriptors.filter((page, index) => before(page)?.input !== inputs[index]);
    const threads = options.threads ?? Math.max(1, Math.min(availableParallelism(), Math.floor(changed.length / PAGES_PER_THREAD)));
    const rendered = await renderInThreads(
      {
        site,
        templatesDir,
        stagingDir: output.stagingDir,
        outDir: output.outDir,
        pages: changed,
        previous: Object.fromEntries(changed.flatMap((page) => (before(page) ? [[page.file, before(page)!.hash ?? null]] : []))),
      },
      threads,
      threads > 1 || changed.length >= PAGES_PER_THREAD,
    );
    const renderedByFile = new Map(rendered.pages.map((page) => [page.file, page]));
    descriptors.forEach((page, index) => {
      const result = renderedByFile.get(page.file);
      const hash = result ? result.hash : before(page)!.hash;
      output.record(page.file, { ...(hash ? { hash } : {}), input: inputs[index]!, written: result ? result.written : false });
    });
    const renderWall = lap();
    await output.copyFolder(path.join(templatesDir, 'assets'), 'assets');

    const today = buildDate(options.now);
    const manifestOf = () =>
      assignLastmod(
        [...output.entries].map(([file, { hash, input, written }]) => ({ file, changed: written, ...(hash ? { hash } : {}), ...(input ? { input } : {}) })),
        output.previous,
        today,
      );
    const manifest = manifestOf();
    const sitemapUrls = descriptors.filter(isIndexable).map((page) => ({ url: absoluteUrl(site.baseUrl, page.route), lastmod: manifest.files[page.file]!.lastmod }));
    const sitemapPlan = planSitemaps(sitemapUrls, site.baseUrl, options.sitemapLimit ?? SITEMAP_URL_LIMIT);
    for await (const sitemap of renderSitemaps(sitemapPlan)) await output.write(sitemap.file, sitemap.xml);
    await output.write('robots.txt', robotsTxt(`${site.baseUrl}/sitemap.xml`));
    // Last, so a static file can never silently replace a generated one.
    await output.copyFolder(path.join(options.dataDir, STATIC_DIR), '.');
    const sitemap = lap();

    const removed = output.removedFiles().filter((file) => file.endsWith('.html')).length;
    await output.commit(`${JSON.stringify(manifestOf(), null, 1)}\n`);
    const written = rendered.pages.filter((page) => page.written).length;
    return {
      outDir: output.outDir,
      pages: descriptors.length,
      written,
      unchanged: descriptors.length - written,
      removed,
      sitemapFiles: sitemapPlan.index ? [...sitemapPlan.sitemaps.map((entry) => entry.file), sitemapPlan.index.file].sort() : ['sitemap.xml'],
      warnings,
      durationMs: performance.now() - started,
      threads,
      stages: {
        load,
        plan: listing + rendered.timings.plan,
        render: rendered.timings.render,
        write: rendered.timings.write,
        sitemap,
        commit: lap(),
        renderWall,
      },
    };
  } catch (error) {
    await output.abort();
    throw error;
  }
}

/** Load, validate and normalize the data; the validated dataset (with its sources) is garbage after this. */
async function loadSite(options: BuildOptions): Promise<{ site: SiteModel; warnings: Problem[] }> {
  const { dataset, warnings } = await loadDataset(options.dataDir);
  if (options.strict && warnings.length > 0) throw new UserError(warnings.map((warning) => ({ ...warning, severity: 'error' })));
  return { site: normalizeDataset(dataset, options.baseUrl ? { baseUrl: options.baseUrl } : {}), warnings };
}

/**
 * A hash of the templates, of clinic-seo's own code and of the Handlebars version: when any of them changes,
 * every page is rendered again (a new planner must not leave pages built by the old one).
 */
async function templatesFingerprint(templatesDir: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(Handlebars.VERSION);
  const codeDir = path.dirname(fileURLToPath(import.meta.url));
  for (const [root, pattern] of [[templatesDir, /./], [codeDir, /\.(js|ts)$/]] as const) {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    const files = entries.filter((entry) => entry.isFile() && pattern.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name)).sort();
    for (const file of files) hash.update(path.relative(root, file)).update(await readFile(file));
  }
  return hash.digest('base64url');
}

/** `YYYY-MM-DD` of the build: the given date, SOURCE_DATE_EPOCH (reproducible builds), or today (UTC). */
function buildDate(now: Date | undefined): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = now ?? (epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date());
  return date.toISOString().slice(0, 10);
}
