import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { planContext } from '../core/pages/plan-context.js';
import { planPage, type PageDescriptor } from '../core/plan-pages.js';
import type { SiteModel } from '../core/site-model.js';
import { loadTemplates } from './load-templates.js';
import { hashContent } from './staged-output.js';

/** One share of a build's pages, self-contained so a worker thread can do it. */
export interface RenderJob {
  site: SiteModel;
  templatesDir: string;
  /** Mixed into every page's view hash, so new templates or a new clinic-seo re-render every page. */
  fingerprint: string;
  stagingDir: string;
  pages: PageDescriptor[];
  /** The previous build's view and content hashes of these pages, by file. */
  previous: Record<string, { view?: string; hash: string }>;
}

/** What became of one page. */
export interface RenderedPage {
  file: string;
  url: string;
  indexable: boolean;
  view: string;
  hash: string;
  written: boolean;
}

/** Time spent in each step, in milliseconds. */
export interface RenderTimings {
  plan: number;
  render: number;
  write: number;
}

/**
 * Plan, render and write a share of the pages, one at a time: nothing rendered is kept after it is written.
 * A page whose view is the same as in the previous build is not rendered or written again.
 */
export async function renderPages(job: RenderJob): Promise<{ pages: RenderedPage[]; timings: RenderTimings }> {
  const templates = await loadTemplates(job.templatesDir);
  const context = planContext(job.site);
  const timings: RenderTimings = { plan: 0, render: 0, write: 0 };
  const createdDirs = new Set<string>();
  const pages: RenderedPage[] = [];
  for (const descriptor of job.pages) {
    let started = performance.now();
    const page = planPage(context, descriptor);
    const view = createHash('sha256').update(job.fingerprint).update(JSON.stringify(page.view)).digest('base64url');
    timings.plan += performance.now() - started;
    const before = job.previous[page.file];
    const base = { file: page.file, url: page.url, indexable: page.indexable, view };
    if (before && before.view === view) {
      pages.push({ ...base, hash: before.hash, written: false });
      continue;
    }
    started = performance.now();
    const html = templates.render(page);
    const hash = hashContent(html);
    timings.render += performance.now() - started;
    const written = before?.hash !== hash;
    if (written) {
      started = performance.now();
      const target = path.join(job.stagingDir, page.file);
      const dir = path.dirname(target);
      if (!createdDirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        createdDirs.add(dir);
      }
      writeFileSync(target, html);
      timings.write += performance.now() - started;
    }
    pages.push({ ...base, hash, written });
  }
  return { pages, timings };
}
