/** One URL of the sitemap. */
export interface SitemapUrl {
  url: string;
  lastmod: string;
}

/** One sitemap file to write: a list of page URLs, or the index of the numbered sitemap files. */
export type SitemapFile = { file: string; urls: SitemapUrl[] } | { file: string; index: SitemapUrl[] };

/** The protocol's limit of URLs per sitemap file. */
export const SITEMAP_URL_LIMIT = 50_000;

/**
 * Split URLs, sorted by URL so builds are repeatable, into sitemap files: one `sitemap.xml` when they fit in
 * `limit`, else numbered `sitemap-N.xml` files of `limit` URLs under a `sitemap.xml` index. A generator, so
 * only one file's URLs are held at a time, whatever the size of the site.
 */
export function* planSitemaps(urls: Iterable<SitemapUrl>, baseUrl: string, limit = SITEMAP_URL_LIMIT): Generator<SitemapFile> {
  const iterator = urls[Symbol.iterator]();
  let next = iterator.next();
  let previous: string | undefined;
  const index: SitemapUrl[] = [];
  do {
    const urls: SitemapUrl[] = [];
    while (!next.done && urls.length < limit) {
      if (previous !== undefined && next.value.url <= previous) throw new Error(`sitemap URLs out of order: ${next.value.url} after ${previous}`);
      previous = next.value.url;
      urls.push(next.value);
      next = iterator.next();
    }
    if (index.length === 0 && next.done) {
      yield { file: 'sitemap.xml', urls };
      return;
    }
    const file = `sitemap-${index.length + 1}.xml`;
    yield { file, urls };
    index.push({ url: `${baseUrl}/${file}`, lastmod: urls.reduce((latest, entry) => (entry.lastmod > latest ? entry.lastmod : latest), '') });
  } while (!next.done);
  yield { file: 'sitemap.xml', index };
}
