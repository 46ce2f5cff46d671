import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { footerLocationLinks, planContext, type PlanContext } from '../core/pages/plan-context.js';
import type { LinkView } from '../core/pages/page-model.js';
import { planPage, type PageDescriptor } from '../core/plan-pages.js';
import type { LocationModel, SiteIndex } from '../core/site-model.js';
import { loadTemplates, type TemplateSet } from './load-templates.js';
import { LocationRecords } from './read-site-store.js';
import type { IndexedLocation, RecordKey } from './site-store-format.js';
import { hashContent } from './staged-output.js';

/** Where rendered pages go, and where the copies of the last build are. */
export interface RenderTarget {
  templatesDir: string;
  stagingDir: string;
  /** The current output, to compare a re-rendered page with the copy there. */
  outDir: string;
}

/** One page to render. */
export interface PageJob {
  page: PageDescriptor;
  /**
   * Absent for a page the last build did not have (written without comparing); the last build's content
   * hash, or null when it recorded none, for a page to compare and write only when its bytes changed.
   */
  previous?: string | null;
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
 * Everything a render worker needs besides the locations it is given: the site without its list of
 * locations (and without each service's list of locations, which only site-wide pages show), the footer
 * links worked out from the whole chain, and the store to read location records from. What a worker holds
 * does not grow with the chain.
 */
export interface LocationRendererSetup extends RenderTarget {
  shell: SiteIndex;
  footerLocations: LinkView[];
  store: string;
}

/** A batch of location pages, with where to read the records of the locations they are about. */
export interface LocationBatch {
  locations: RecordKey[];
  jobs: PageJob[];
}

/** The setup for location renderers of `site`, whose records are in `store`: what is sent to every worker once. */
export function locationRendererSetup(site: SiteIndex, store: string, target: RenderTarget): LocationRendererSetup {
  return {
    ...target,
    shell: { ...site, locations: [], services: site.services.map((service) => ({ ...service, locationSlugs: [] })) },
    footerLocations: footerLocationLinks(site),
    store,
  };
}

/** A page renderer: what became of each page, the time spent, and close() when done. */
export interface PageRenderer<Work> {
  render(work: Work): RenderedPage[];
  timings: RenderTimings;
  close(): void;
}

/** Plans, renders and writes location pages batch by batch; the same code runs in workers and in-thread. */
export async function locationRenderer(setup: LocationRendererSetup): Promise<PageRenderer<LocationBatch>> {
  const writer = await pageWriter(setup);
  const records = new LocationRecords(setup.store);
  let current = new Map<string, LocationModel>();
  const context = planContext(setup.shell, {
    footerLocations: setup.footerLocations,
    location: (slug) => {
      const location = current.get(slug);
      if (!location) throw new Error(`location "${slug}" is not in this batch`);
      return location;
    },
  });
  return {
    timings: writer.timings,
    render(batch) {
      current = new Map(batch.locations.map((location) => [location.slug, records.read(location)]));
      return batch.jobs.map((job) => writer.write(context, job));
    },
    close: () => records.close(),
  };
}

/**
 * Plans, renders and writes any page of `site` (for the site-wide pages), reading the full record of a
 * location from `store` whenever a page shows more of it than its summary.
 */
export async function sitePageRenderer(site: SiteIndex<IndexedLocation>, store: string, target: RenderTarget): Promise<PageRenderer<PageJob[]>> {
  const writer = await pageWriter(target);
  const records = new LocationRecords(store);
  const bySlug = new Map(site.locations.map((location) => [location.slug, location]));
  const context = planContext(site, {
    location: (slug) => {
      const location = bySlug.get(slug);
      if (!location) throw new Error(`unknown location "${slug}"`);
      return records.read(location);
    },
  });
  return { timings: writer.timings, render: (jobs) => jobs.map((job) => writer.write(context, job)), close: () => records.close() };
}

/**
 * Plan, render and write one page at a time: nothing rendered is kept after it is written. Only a page the
 * previous build also had is compared (by hash, or with the file on disk), so a fresh build hashes nothing,
 * and a page whose bytes did not change is not written again.
 */
async function pageWriter(target: RenderTarget) {
  const templates: TemplateSet = await loadTemplates(target.templatesDir);
  const timings: RenderTimings = { plan: 0, render: 0, write: 0 };
  const write = (context: PlanContext, job: PageJob): RenderedPage => {
    let started = performance.now();
    const page = planPage(context, job.page);
    timings.plan += performance.now() - started;
    started = performance.now();
    const html = templates.render(page);
    let hash: string | undefined;
    let written = true;
    if (job.previous !== undefined) {
      hash = hashContent(html);
      written = job.previous ? job.previous !== hash : !sameAsFile(path.join(target.outDir, page.file), html);
    }
    timings.render += performance.now() - started;
    if (written) {
      started = performance.now();
      // Every page has a folder of its own (…/index.html), so there is nothing to remember between pages.
      const file = path.join(target.stagingDir, page.file);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, html);
      timings.write += performance.now() - started;
    }
    return { file: page.file, ...(hash ? { hash } : {}), written };
  };
  return { timings, write };
}

function sameAsFile(file: string, html: string): boolean {
  try {
    return readFileSync(file).equals(Buffer.from(html));
  } catch {
    return false;
  }
}
