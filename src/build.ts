import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignLastmod, parseManifest } from './core/lastmod.js';
import { normalizeDataset } from './core/normalize.js';
import { planPages } from './core/plan-pages.js';
import { planSitemaps, SITEMAP_URL_LIMIT } from './core/plan-sitemaps.js';
import { UserError, type Problem } from './core/problems.js';
import { robotsTxt } from './core/robots.js';
import { loadDataset } from './io/load-dataset.js';
import { STATIC_DIR } from './io/read-data-dir.js';
import { loadTemplates } from './io/load-templates.js';
import { MANIFEST_FILE, StagedOutput } from './io/staged-output.js';
import { writeSitemaps } from './io/write-sitemap.js';

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
}

/** What a build did. */
export interface BuildResult {
  outDir: string;
  pages: number;
  sitemapFiles: string[];
  warnings: Problem[];
  durationMs: number;
}

/** Build a site: load and validate data, plan pages and graphs, render, and swap the output in atomically. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { dataset, warnings } = await loadDataset(options.dataDir);
  if (options.strict && warnings.length > 0) throw new UserError(warnings.map((warning) => ({ ...warning, severity: 'error' })));
  const site = normalizeDataset(dataset, options.baseUrl ? { baseUrl: options.baseUrl } : {});
  const pages = planPages(site);
  const templates = await loadTemplates(options.templatesDir ?? DEFAULT_TEMPLATES_DIR);

  const output = await StagedOutput.open(options.outDir);
  try {
    const hashes: { file: string; hash: string }[] = [];
    for (const page of pages) {
      const html = templates.render(page);
      hashes.push({ file: page.file, hash: sha256(html) });
      await output.write(page.file, html);
    }
    await output.copyFolder(templates.assetsDir, 'assets');

    const manifest = assignLastmod(hashes, parseManifest(await output.readPrevious(MANIFEST_FILE)), buildDate(options.now));
    const sitemapUrls = pages.filter((page) => page.indexable).map((page) => ({ url: page.url, lastmod: manifest.files[page.file]!.lastmod }));
    const sitemapFiles = await writeSitemaps(output, planSitemaps(sitemapUrls, site.baseUrl, options.sitemapLimit ?? SITEMAP_URL_LIMIT));
    await output.write('robots.txt', robotsTxt(`${site.baseUrl}/sitemap.xml`));
    await output.write(MANIFEST_FILE, `${JSON.stringify(manifest, null, 1)}\n`);
    // Last, so a static file can never silently replace a generated one.
    await output.copyFolder(path.join(options.dataDir, STATIC_DIR), '.');
    await output.commit();
    return { outDir: output.outDir, pages: pages.length, sitemapFiles, warnings, durationMs: performance.now() - started };
  } catch (error) {
    await output.abort();
    throw error;
  }
}

/** `YYYY-MM-DD` of the build: the given date, SOURCE_DATE_EPOCH (reproducible builds), or today (UTC). */
function buildDate(now: Date | undefined): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = now ?? (epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date());
  return date.toISOString().slice(0, 10);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
