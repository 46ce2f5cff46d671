import { Readable } from 'node:stream';
import { SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';
import type { SitemapPlan, SitemapUrl } from '../core/plan-sitemaps.js';

const NO_EXTENSIONS = { news: false, video: false, image: false, xhtml: false };

/**
 * Render the planned sitemap files with the `sitemap` package's streams, one file at a time (each at most
 * 50,000 URLs), so a large site never holds all its sitemaps in memory at once.
 */
export async function* renderSitemaps(plan: SitemapPlan): AsyncGenerator<{ file: string; xml: Buffer }> {
  for (const sitemap of plan.sitemaps) {
    const stream = new SitemapStream({ lastmodDateOnly: true, xmlns: NO_EXTENSIONS });
    yield { file: sitemap.file, xml: await streamToPromise(Readable.from(toItems(sitemap.urls)).pipe(stream)) };
  }
  if (plan.index) {
    const stream = new SitemapIndexStream({ lastmodDateOnly: true });
    yield { file: plan.index.file, xml: await streamToPromise(Readable.from(toItems(plan.index.sitemaps)).pipe(stream)) };
  }
}

function toItems(urls: SitemapUrl[]) {
  return urls.map(({ url, lastmod }) => ({ url, lastmod }));
}
