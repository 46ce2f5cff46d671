/** One URL of the sitemap. */
export interface SitemapUrl {
  url: string;
  lastmod: string;
}

/** The sitemap files to write: one `sitemap.xml`, or numbered sitemaps under a `sitemap.xml` index. */
export interface SitemapPlan {
  sitemaps: { file: string; urls: SitemapUrl[] }[];
  index?: { file: string; sitemaps: SitemapUrl[] };
}

/** The protocol's limit of URLs per sitemap file. */
export const SITEMAP_URL_LIMIT = 50_000;

/** Split the URLs (sorted, so builds are repeatable) into sitemap files of at most `limit` URLs. */
export function planSitemaps(urls: readonly SitemapUrl[], baseUrl: string, limit = SITEMAP_URL_LIMIT): SitemapPlan {
  const sorted = [...urls].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  if (sorted.length <= limit) return { sitemaps: [{ file: 'sitemap.xml', urls: sorted }] };
  const sitemaps: SitemapPlan['sitemaps'] = [];
  for (let start = 0; start < sorted.length; start += limit) {
    sitemaps.push({ file: `sitemap-${sitemaps.length + 1}.xml`, urls: sorted.slice(start, start + limit) });
  }
  return {
    sitemaps,
    index: {
      file: 'sitemap.xml',
      sitemaps: sitemaps.map(({ file, urls: chunk }) => ({
        url: `${baseUrl}/${file}`,
        lastmod: chunk.reduce((latest, entry) => (entry.lastmod > latest ? entry.lastmod : latest), ''),
      })),
    },
  };
}
