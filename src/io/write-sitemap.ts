import { Readable } from 'node:stream';
import { SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';
import type { SitemapFile, SitemapUrl } from '../core/plan-sitemaps.js';

const NO_EXTENSIONS = { news: false, video: false, image: false, xhtml: false };

/**
 * Render planned sitemap files with the `sitemap` package's streams, one file at a time (each at most
 * 50,000 URLs), so a large site never holds all its sitemaps in memory at once.
 */
export async function* renderSitemaps(plan: Iterable<SitemapFile>): AsyncGenerator<{ file: string; xml: Buffer }> {
  for (const sitemap of plan) {
    const stream = 'index' in sitemap ? new SitemapIndexStream({ lastmodDateOnly: true }) : new SitemapStream({ lastmodDateOnly: true, xmlns: NO_EXTENSIONS });
    const urls = 'index' in sitemap ? sitemap.index : sitemap.urls;
    yield { file: sitemap.file, xml: await streamToPromise(Readable.from(toItems(urls)).pipe(stream)) };
  }
}

function toItems(urls: SitemapUrl[]) {
  return urls.map(({ url, lastmod }) => ({ url, lastmod }));
}
