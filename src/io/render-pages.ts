import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  stagingDir: string;
  /** The current output, to compare a re-rendered page with the copy there. */
  outDir: string;
  pages: PageDescriptor[];
  /** Pages the previous build wrote, with their content hash where it was recorded (else null). */
  previous: Record<string, string | null>;
}

/** What became of one page. */
export interface RenderedPage {
  file: string;
  hash?: string;
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
 * Only a page the previous build also had is compared (by hash, or with the file on disk), so a fresh build
 * hashes nothing, and a page whose bytes did not change is not written again.
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
    timings.plan += performance.now() - started;
    started = performance.now();
    const html = templates.render(page);
    let hash: string | undefined;
    let written = true;
    if (page.file in job.previous) {
      const before = job.previous[page.file];
      hash = hashContent(html);
      written = before ? before !== hash : !sameAsFile(path.join(job.outDir, page.file), html);
    }
    timings.render += performance.now() - started;
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
    pages.push({ file: page.file, ...(hash ? { hash } : {}), written });
  }
  return { pages, timings };
}

function sameAsFile(file: string, html: string): boolean {
  try {
    return readFileSync(file).equals(Buffer.from(html));
  } catch {
    return false;
  }
}
