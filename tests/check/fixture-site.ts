import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sharedValues } from '../../src/core/check/shared-values.js';
import { parsePage, type SiteSnapshot } from '../../src/core/check/snapshot.js';
import { Vocabulary, type VocabularyData } from '../../src/core/check/vocabulary.js';

export const BASE = 'https://check.example';
export const vocabulary = new Vocabulary(
  JSON.parse(readFileSync(fileURLToPath(new URL('../../vocab/schema-vocabulary.json', import.meta.url)), 'utf8')) as VocabularyData,
);
/** What parsing a fixture page needs (see PageContext). */
export const PAGE_CONTEXT = { baseUrl: BASE, localBusinessTypes: new Set(vocabulary.typesThatAre('LocalBusiness')) };

/** A clinic node that passes every rule. */
export function clinicNode(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@type': 'MedicalClinic',
    '@id': `${BASE}/#clinic`,
    name: 'Check Clinic',
    url: `${BASE}/`,
    telephone: '+1-308-555-0100',
    address: { '@type': 'PostalAddress', streetAddress: '1 Main St', addressLocality: 'Kearney', addressRegion: 'NE', postalCode: '68847', addressCountry: 'US' },
    geo: { '@type': 'GeoCoordinates', latitude: 40.69946, longitude: -99.08148 },
    openingHoursSpecification: [{ '@type': 'OpeningHoursSpecification', dayOfWeek: 'https://schema.org/Monday', opens: '08:00', closes: '17:00' }],
    image: `${BASE}/photo.png`,
    ...overrides,
  };
}

/** What one test page holds; every field has a default that passes every rule. */
export interface PageSpec {
  title?: string;
  description?: string;
  body?: string;
  head?: string;
  nodes?: Record<string, unknown>[];
  jsonLd?: string;
  canonical?: string | null;
  lang?: string | null;
  noindex?: boolean;
}

/** A valid page: unique title and description, one h1, canonical, Open Graph, NAP visible, one JSON-LD graph. */
export function pageHtml(path: string, spec: PageSpec = {}): string {
  const url = `${BASE}${path}`;
  const title = spec.title ?? `Check Clinic page ${path} in Kearney, NE`;
  const description = spec.description ?? `A test page at ${path} of Check Clinic in Kearney, NE, with text long enough for a meta description.`;
  const nodes = spec.nodes ?? [clinicNode()];
  const jsonLd = spec.jsonLd ?? JSON.stringify({ '@context': 'https://schema.org', '@graph': nodes });
  const canonical = spec.canonical === null ? '' : `<link rel="canonical" href="${spec.canonical ?? url}">`;
  const lang = spec.lang === null ? '' : ` lang="${spec.lang ?? 'en-US'}"`;
  const og = ['title', 'type', 'url', 'description', 'site_name'].map((p) => `<meta property="og:${p}" content="${p === 'url' ? url : `Open Graph ${p} of ${path}`}">`).join('');
  return `<!doctype html><html${lang}><head><title>${title}</title><meta name="description" content="${description}">${canonical}${og}
${spec.noindex ? '<meta name="robots" content="noindex">' : ''}${spec.head ?? ''}<script type="application/ld+json">${jsonLd}</script></head>
<body><main>${spec.body ?? `<h1>Page ${path}</h1><p>Check Clinic, 1 Main St, Kearney, NE 68847. Call <a href="tel:+13085550100">(308) 555-0100</a>.</p><p>Unique words for ${path}: ${path.split('').join(' ')}.</p>`}</main></body></html>`;
}

/** A snapshot of pages (path -> spec) with a matching sitemap and robots.txt unless given. */
export function siteOf(pages: Record<string, PageSpec>, extra: { sitemap?: string | null; robots?: string | null; files?: string[] } = {}): SiteSnapshot {
  const fileOf = (path: string) => (path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1));
  // One store of shared values for the site, as readSiteDir has: a node that pages repeat is one object.
  const shared = sharedValues();
  const parsed = Object.entries(pages).map(([path, spec]) => parsePage(fileOf(path), pageHtml(path, spec), PAGE_CONTEXT, shared));
  const sitemap = extra.sitemap === undefined
    ? `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${parsed.filter((page) => !page.noindex).map((page) => `<url><loc>${page.url}</loc></url>`).join('')}</urlset>`
    : extra.sitemap;
  const robots = extra.robots === undefined ? `User-agent: *\nAllow: /\nSitemap: ${BASE}/sitemap.xml\n` : extra.robots;
  return {
    baseUrl: BASE,
    files: new Set([...parsed.map((page) => page.file), 'photo.png', ...(sitemap !== null ? ['sitemap.xml'] : []), ...(extra.files ?? [])]),
    pages: parsed,
    sitemaps: sitemap === null ? [] : [{ file: 'sitemap.xml', xml: sitemap, bytes: sitemap.length, schemaErrors: [] }],
    ...(robots !== null ? { robots } : {}),
  };
}
