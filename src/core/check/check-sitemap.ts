import * as cheerio from 'cheerio';
import type { Finding } from './finding.js';
import { isAllowed, parseRobotsTxt } from './robots-txt.js';
import type { SiteSnapshot } from './snapshot.js';

const MAX_URLS = 50_000;
const MAX_BYTES = 50 * 1024 * 1024;

/**
 * Rule 5: sitemaps valid against the sitemaps.org XSD and within the protocol's limits; every <loc> absolute,
 * on the site, canonical and a real page; every indexable page listed, no noindex page listed; robots.txt
 * parses, names the sitemap and does not block listed pages.
 */
export function checkSitemapAndRobots(site: SiteSnapshot): Finding[] {
  const findings: Finding[] = [];
  const base = new URL(site.baseUrl);
  const pagesByUrl = new Map(site.pages.map((page) => [page.url, page]));
  const listed = new Set<string>();
  const sitemapFiles = new Set(site.sitemaps.map((sitemap) => sitemap.file));

  if (site.sitemaps.length === 0) {
    findings.push({ rule: 'sitemap', severity: 'error', page: '/sitemap.xml', message: 'the site has no sitemap.xml',
      fix: 'add a sitemap listing every indexable page, and name it in robots.txt' });
  }
  for (const sitemap of site.sitemaps) {
    const page = `/${sitemap.file}`;
    const add = (rule: string, message: string, fix: string, severity: Finding['severity'] = 'error') => findings.push({ rule, severity, page, message, fix });
    for (const error of sitemap.schemaErrors.slice(0, 20)) add('sitemap-xsd', `not valid against the sitemaps.org schema: ${error}`, 'fix the XML so it follows the sitemap protocol');
    if (sitemap.bytes > MAX_BYTES) add('sitemap-limits', `the file is ${sitemap.bytes} bytes; the limit is 50 MB uncompressed`, 'split it under a sitemap index');
    const $ = cheerio.load(sitemap.xml, { xml: true });
    const isIndex = $('sitemapindex').length > 0;
    const locs = $(isIndex ? 'sitemapindex > sitemap > loc' : 'urlset > url > loc').toArray().map((element) => $(element).text().trim());
    if (locs.length > MAX_URLS) add('sitemap-limits', `the file lists ${locs.length} URLs; the limit is 50,000`, 'split it under a sitemap index');
    for (const loc of locs) {
      let url: URL;
      try {
        url = new URL(loc);
      } catch {
        add('sitemap-loc', `<loc>${loc}</loc> is not an absolute URL`, 'write full URLs, e.g. https://www.example.com/page/');
        continue;
      }
      if (url.host !== base.host) {
        add('sitemap-loc', `<loc>${loc}</loc> is not on the site's host ${base.host}`, 'list only URLs of this site');
        continue;
      }
      if (isIndex) {
        const file = url.pathname.slice(base.pathname.replace(/\/$/, '').length + 1);
        if (!sitemapFiles.has(file)) add('sitemap-loc', `the index names ${loc}, which is not a sitemap in the folder`, 'remove it from the index or add the sitemap');
        continue;
      }
      listed.add(loc);
      const target = pagesByUrl.get(loc);
      if (!target) add('sitemap-loc', `<loc>${loc}</loc> does not match any page`, 'remove the URL or add the page (URLs of folders end in /)');
      else if (target.noindex) add('sitemap-noindex', `<loc>${loc}</loc> is a noindex page`, 'remove noindex pages from the sitemap');
      else {
        const canonical = target.head.canonicals[0];
        if (canonical && canonical !== loc) add('sitemap-loc', `<loc>${loc}</loc> is not canonical: the page names ${canonical}`, 'list the canonical URL only');
      }
    }
  }
  if (site.sitemaps.length > 0) {
    for (const page of site.pages) {
      if (page.noindex || listed.has(page.url)) continue;
      const canonical = page.head.canonicals[0];
      if (canonical && canonical !== page.url) continue; // a duplicate that points elsewhere is rightly unlisted
      findings.push({ rule: 'sitemap-coverage', severity: 'error', page: page.path, message: 'this indexable page is not in the sitemap',
        fix: 'add it to the sitemap, or mark it noindex if it should not be found' });
    }
  }

  if (site.robots === undefined) {
    findings.push({ rule: 'robots', severity: 'warning', page: '/robots.txt', message: 'the site has no robots.txt', fix: 'add one that allows crawling and names the sitemap' });
    return findings;
  }
  const robots = parseRobotsTxt(site.robots);
  for (const invalid of robots.invalidLines) {
    findings.push({ rule: 'robots', severity: 'error', page: '/robots.txt', element: `line ${invalid.line}`, message: `"${invalid.text.trim()}" is not a robots.txt rule`,
      fix: 'write rules as `User-agent: *`, `Allow: /path`, `Disallow: /path` or `Sitemap: https://…`' });
  }
  if (robots.sitemaps.length === 0) {
    findings.push({ rule: 'robots', severity: 'warning', page: '/robots.txt', message: 'robots.txt names no sitemap', fix: `add "Sitemap: ${site.baseUrl}/sitemap.xml"` });
  }
  for (const sitemap of robots.sitemaps) {
    if (!/^https?:\/\//.test(sitemap)) {
      findings.push({ rule: 'robots', severity: 'error', page: '/robots.txt', message: `the Sitemap line "${sitemap}" is not an absolute URL`, fix: 'write the full URL of the sitemap' });
    }
  }
  for (const url of listed) {
    const path = new URL(url).pathname;
    for (const agent of ['Googlebot', 'Bingbot']) {
      if (!isAllowed(robots, agent, path)) {
        findings.push({ rule: 'robots-blocks-listed', severity: 'error', page: path, message: `robots.txt blocks ${agent} from this page, which the sitemap lists`,
          fix: 'allow the page in robots.txt, or remove it from the sitemap' });
        break;
      }
    }
  }
  return findings;
}
