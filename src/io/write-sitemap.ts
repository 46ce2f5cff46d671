import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';
import type { SitemapFile, SitemapUrl } from '../core/plan-sitemaps.js';
import type { StagedOutput } from './staged-output.js';

const NO_EXTENSIONS = { news: false, video: false, image: false, xhtml: false };

/** Render one planned sitemap file (a URL set or the index) with the `sitemap` package's streams. */
export async function renderSitemap(sitemap: SitemapFile): Promise<Buffer> {
  const stream = 'index' in sitemap ? new SitemapIndexStream({ lastmodDateOnly: true }) : new SitemapStream({ lastmodDateOnly: true, xmlns: NO_EXTENSIONS });
  const urls = 'index' in sitemap ? sitemap.index : sitemap.urls;
  return streamToPromise(Readable.from(toItems(urls)).pipe(stream));
}

/**
 * Write the planned sitemap files one at a time, so a large site never holds all its sitemaps in memory.
 * A file whose URLs and dates are exactly those of the last build (and built by the same code) is kept as
 * it is without being rendered again. Returns the files' names.
 */
export async function writeSitemaps(output: StagedOutput, plan: Iterable<SitemapFile>, fingerprint: string): Promise<string[]> {
  const files: string[] = [];
  for (const sitemap of plan) {
    const input = sitemapInput(sitemap, fingerprint);
    const before = output.before(sitemap.file);
    if (before?.hash && before.input === input) output.record(sitemap.file, { hash: before.hash, input, written: false });
    else await output.write(sitemap.file, await renderSitemap(sitemap), input);
    files.push(sitemap.file);
  }
  return files;
}

function sitemapInput(sitemap: SitemapFile, fingerprint: string): string {
  const hash = createHash('sha1').update(fingerprint).update('index' in sitemap ? '\nindex' : '\nurlset');
  for (const { url, lastmod } of 'index' in sitemap ? sitemap.index : sitemap.urls) hash.update(`\n${url} ${lastmod}`);
  return hash.digest('base64url');
}

function toItems(urls: SitemapUrl[]) {
  return urls.map(({ url, lastmod }) => ({ url, lastmod }));
}
