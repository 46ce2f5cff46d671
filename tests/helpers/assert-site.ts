import * as cheerio from 'cheerio';
import { expect, it } from 'vitest';
import { referencesIn, typesOf, visibleText, type CrawledSite, type JsonNode } from './crawl.js';

const THERAPY_TYPES = ['MedicalTherapy', 'PhysicalTherapy', 'OccupationalTherapy', 'TherapeuticProcedure'];

/**
 * The checks every built site must pass, read as a crawler reads it. Each is its own test, so a failure
 * names the rule and the page.
 */
export const crawlerChecks: Record<string, (site: CrawledSite) => void | Promise<void>> = {
  'has exactly one JSON-LD @graph per page, with unique @ids': assertOneGraphPerPage,
  'resolves every @id reference in the page or on another page': assertIdsResolve,
  'gives the same entity the same content on every page': assertSameEntitySameContent,
  'points availableService and possibleTreatment at therapy nodes': assertReferenceTypes,
  'never marks up ratings or reviews': assertNoSelfServingReviews,
  'has lang, viewport, one h1, canonical, Open Graph and Twitter tags': assertHead,
  'has unique titles and meta descriptions': assertUniqueTitlesAndDescriptions,
  'shows the same breadcrumbs as the BreadcrumbList': assertBreadcrumbsMatch,
  'shows the NAP exactly as the JSON-LD says it': assertVisibleNapMatchesJsonLd,
  'has no broken internal links or assets': assertLinksResolve,
  'lists exactly the indexable pages in the sitemap, named by robots.txt': assertSitemapAndRobots,
};

/** Register every crawler check as a test of the site `getSite` returns (built in beforeAll). */
export function itPassesCrawlerChecks(getSite: () => CrawledSite): void {
  for (const [name, check] of Object.entries(crawlerChecks)) it(name, () => check(getSite()));
}

export function assertOneGraphPerPage(site: CrawledSite): void {
  for (const page of site.pages) {
    expect(page.scripts, page.file).toHaveLength(1);
    const document = JSON.parse(page.scripts[0]!) as Record<string, unknown>;
    expect(Object.keys(document).sort(), page.file).toEqual(['@context', '@graph']);
    expect(document['@context'], page.file).toBe('https://schema.org');
    const ids = page.graph.map((node) => node['@id']);
    expect(new Set(ids).size, `${page.file}: duplicate @id`).toBe(ids.length);
    for (const node of page.graph) expect(node['@id'], page.file).toMatch(/^https?:\/\/[^#]+#[a-z]+$/);
  }
}

/** Every reference resolves in the page's graph, or is an absolute URL of another page of this site. */
export function assertIdsResolve(site: CrawledSite): void {
  const pageUrls = new Set(site.pages.map((page) => page.url));
  for (const page of site.pages) {
    for (const node of page.graph) {
      for (const ref of referencesIn(node)) {
        if (page.byId.has(ref)) continue;
        const target = ref.split('#')[0]!;
        expect(pageUrls.has(target), `${page.file}: ${node['@id']} refers to ${ref}, which is neither in the graph nor a page`).toBe(true);
        const targetPage = site.pages.find((candidate) => candidate.url === target)!;
        expect(targetPage.byId.has(ref), `${ref} is not defined on ${target}`).toBe(true);
      }
    }
  }
}

/** The same @id carries the same content on every page it appears on. */
export function assertSameEntitySameContent(site: CrawledSite): void {
  const seen = new Map<string, { file: string; json: string }>();
  for (const page of site.pages) {
    for (const node of page.graph) {
      const json = JSON.stringify(node);
      const first = seen.get(node['@id']);
      if (first) expect(json, `${node['@id']} differs between ${first.file} and ${page.file}`).toBe(first.json);
      else seen.set(node['@id'], { file: page.file, json });
    }
  }
}

function siteNodes(site: CrawledSite): Map<string, JsonNode> {
  return new Map(site.pages.flatMap((page) => page.graph.map((node) => [node['@id'], node] as const)));
}

export function assertReferenceTypes(site: CrawledSite): void {
  const nodes = siteNodes(site);
  const refsOf = (value: unknown) => (Array.isArray(value) ? value : value === undefined ? [] : [value]) as { '@id': string }[];
  for (const node of nodes.values()) {
    for (const ref of refsOf(node.availableService)) {
      expect(THERAPY_TYPES, `${node['@id']} availableService ${ref['@id']}`).toContain(typesOf(nodes.get(ref['@id'])!)[0]);
    }
    for (const ref of refsOf(node.possibleTreatment)) {
      expect(THERAPY_TYPES, `${node['@id']} possibleTreatment ${ref['@id']}`).toContain(typesOf(nodes.get(ref['@id'])!)[0]);
    }
    if (node.parentOrganization) expect(typesOf(nodes.get(refsOf(node.parentOrganization)[0]!['@id'])!)).toContain('Organization');
  }
}

export function assertNoSelfServingReviews(site: CrawledSite): void {
  for (const page of site.pages) {
    for (const node of page.graph) {
      expect(node, page.file).not.toHaveProperty('aggregateRating');
      expect(node, page.file).not.toHaveProperty('review');
    }
  }
}

/** lang, viewport, one h1, canonical, Open Graph and Twitter card on every page (no canonical address on a noindex page). */
export function assertHead(site: CrawledSite): void {
  for (const { $, file, url } of site.pages) {
    const noindex = /noindex/.test($('meta[name="robots"]').attr('content') ?? '');
    const meta = (selector: string) => $(selector).attr('content');
    expect($('html').attr('lang'), file).toMatch(/^[a-z]{2}(-[A-Z]{2})?$/);
    expect(meta('meta[name="viewport"]'), file).toContain('width=device-width');
    expect($('h1'), file).toHaveLength(1);
    expect(visibleText($('h1').text()), file).not.toBe('');
    expect($('title'), file).toHaveLength(1);
    expect($('meta[name="description"]'), file).toHaveLength(1);
    expect($('link[rel="canonical"]').attr('href'), file).toBe(noindex ? undefined : url);
    expect(meta('meta[property="og:url"]'), file).toBe(noindex ? undefined : url);
    expect(meta('meta[property="og:title"]'), file).toBe($('title').text());
    expect(meta('meta[property="og:description"]'), file).toBe(meta('meta[name="description"]'));
    for (const property of ['og:type', 'og:site_name', 'og:locale']) expect(meta(`meta[property="${property}"]`), `${file} ${property}`).toBeTruthy();
    expect(['summary', 'summary_large_image'], file).toContain(meta('meta[name="twitter:card"]'));
    const webPage = [...(site.page(file).graph)].find((node) => typesOf(node).some((type) => type.endsWith('WebPage')))!;
    expect(webPage.url, file).toBe(url);
    expect(webPage.name, file).toBe($('title').text());
  }
}

export function assertUniqueTitlesAndDescriptions(site: CrawledSite): void {
  for (const selector of ['title', 'meta[name="description"]']) {
    const values = site.pages.map(({ $ }) => (selector === 'title' ? $('title').text() : $(selector).attr('content')!));
    expect(new Set(values).size, `${selector} must be unique: ${values.join(' | ')}`).toBe(values.length);
    for (const value of values) expect(value.trim().length).toBeGreaterThan(10);
  }
}

/** The visible breadcrumb trail equals the BreadcrumbList, name for name and URL for URL. */
export function assertBreadcrumbsMatch(site: CrawledSite): void {
  for (const { $, file, graph } of site.pages) {
    const list = graph.find((node) => node['@type'] === 'BreadcrumbList');
    if (/noindex/.test($('meta[name="robots"]').attr('content') ?? '')) {
      // A page kept out of the index points search engines at no address of its own, in markup or trail.
      expect(list, file).toBeUndefined();
      continue;
    }
    if (!list) throw new Error(`${file}: no BreadcrumbList`);
    const items = (list.itemListElement as { position: number; name: string; item: string }[]).map((item, index) => {
      expect(item.position).toBe(index + 1);
      return { name: visibleText(item.name), url: item.item };
    });
    const visible = $('nav[aria-label="Breadcrumb"] li a')
      .toArray()
      .map((link) => ({ name: visibleText($(link).text()), url: new URL($(link).attr('href')!, site.baseUrl + '/').href }));
    expect(visible, file).toEqual(items);
    expect(items.at(-1)!.url, file).toBe(site.page(file).url);
  }
}

/** Wherever a clinic node is in the graph, its name, address and phone are visible, identical, on the page. */
export function assertVisibleNapMatchesJsonLd(site: CrawledSite): void {
  for (const { $, file, graph } of site.pages) {
    for (const clinic of graph.filter((node) => typesOf(node).includes('MedicalClinic'))) {
      const slug = /\/locations\/([^/]+)\/#clinic$/.exec(clinic['@id'])![1]!;
      const nap = $(`.nap[data-location="${slug}"]`).first();
      expect(nap.length, `${file}: no visible NAP for ${clinic['@id']}`).toBe(1);
      const address = clinic.address as Record<string, string>;
      const text = (selector: string) => visibleText(nap.find(selector).text());
      expect(text('.nap-name'), file).toBe(clinic.name);
      expect(text('.locality'), file).toBe(address.addressLocality);
      expect(text('.region'), file).toBe(address.addressRegion);
      expect(text('.street-address') || undefined, file).toBe(address.streetAddress);
      expect(text('.postal-code') || undefined, file).toBe(address.postalCode);
      const tel = nap.find('a.tel');
      expect(tel.attr('href'), file).toBe(`tel:${(clinic.telephone as string).replace(/-/g, '')}`);
      expect(tel.text().replace(/\D/g, ''), file).toBe((clinic.telephone as string).replace(/\D/g, '').replace(/^1/, ''));
    }
  }
}

/** Every internal link and asset resolves to a file in the output. */
export function assertLinksResolve(site: CrawledSite): void {
  const basePath = new URL(site.baseUrl).pathname.replace(/\/$/, '');
  const pagesByFile = new Map(site.pages.map((page) => [page.file, page]));
  const files = new Set(site.files);
  for (const { $, file, url } of site.pages) {
    const targets = [
      ...$('a[href]').toArray().map((element) => $(element).attr('href')!),
      ...$('link[href]').toArray().map((element) => $(element).attr('href')!),
      ...$('img[src], script[src]').toArray().map((element) => $(element).attr('src')!),
    ];
    for (const target of targets) {
      const resolved = new URL(target, url);
      if (resolved.origin !== new URL(site.baseUrl).origin) continue;
      let local = decodeURIComponent(resolved.pathname).slice(basePath.length).replace(/^\//, '');
      if (local === '' || local.endsWith('/')) local += 'index.html';
      expect(files.has(local), `${file} links to ${target}, which is not in the output`).toBe(true);
      if (resolved.hash && local.endsWith('.html')) {
        const targetPage = pagesByFile.get(local)!.$;
        expect(targetPage(`[id="${resolved.hash.slice(1)}"]`).length, `${file} links to missing anchor ${target}`).toBe(1);
      }
    }
  }
}

/** The sitemap lists exactly the indexable pages, with absolute URLs and dates; robots.txt names it. */
export async function assertSitemapAndRobots(site: CrawledSite): Promise<void> {
  const sitemap = cheerio.load(await site.read('sitemap.xml'), { xml: true });
  const locs = sitemap('urlset > url > loc').toArray().map((element) => sitemap(element).text());
  const indexable = site.pages.filter(({ $ }) => !/noindex/.test($('meta[name="robots"]').attr('content') ?? '')).map((page) => page.url);
  expect([...locs].sort()).toEqual([...indexable].sort());
  expect(locs).not.toContain(`${site.baseUrl}/404.html`);
  for (const lastmod of sitemap('urlset > url > lastmod').toArray()) expect(sitemap(lastmod).text()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(sitemap('urlset > url > lastmod')).toHaveLength(locs.length);
  const robots = await site.read('robots.txt');
  expect(robots).toContain(`Sitemap: ${site.baseUrl}/sitemap.xml`);
  expect(robots).toMatch(/^User-agent: \*$/m);
  expect(robots).not.toMatch(/^Disallow: \/\s*$/m);
}
