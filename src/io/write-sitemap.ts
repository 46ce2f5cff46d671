import { Readable } from 'node:stream';
import { SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';
import type { SitemapPlan, SitemapUrl } from '../core/plan-sitemaps.js';
import type { StagedOutput } from './staged-output.js';

const NO_EXTENSIONS = { news: false, video: false, image: false, xhtml: false };

/** Write the planned sitemap files with the `sitemap` package. Returns the files written. */
export async function writeSitemaps(output: StagedOutput, plan: SitemapPlan): Promise<string[]> {
  const written: string[] = [];
  for (const sitemap of plan.sitemaps) {
    const stream = new SitemapStream({ lastmodDateOnly: true, xmlns: NO_EXTENSIONS });
    await output.write(sitemap.file, await streamToPromise(Readable.from(toItems(sitemap.urls)).pipe(stream)));
    written.push(sitemap.file);
  }
  if (plan.index) {
    const stream = new SitemapIndexStream({ lastmodDateOnly: true });
    await output.write(plan.index.file, await streamToPromise(Readable.from(toItems(plan.index.sitemaps)).pipe(stream)));
    written.push(plan.index.file);
  }
  return written.sort();
}

function toItems(urls: SitemapUrl[]) {
  return urls.map(({ url, lastmod }) => ({ url, lastmod }));
}
