import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { readSiteDir } from '../../src/io/read-site-dir.js';
import { validateSitemapXml } from '../../src/io/validate-sitemap-xml.js';
import { buildInto, FIXTURES, ROOT } from '../helpers/build.js';

describe('sitemap XSD validation', () => {
  it('accepts the sitemaps and the sitemap index clinic-seo writes', async () => {
    const { outDir } = await buildInto(path.join(FIXTURES, 'multi-location'), { sitemapLimit: 5 });
    const site = await readSiteDir(outDir);
    expect(site.sitemaps.map((sitemap) => sitemap.file)).toEqual(['sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml', 'sitemap-4.xml', 'sitemap.xml']);
    for (const sitemap of site.sitemaps) expect(sitemap.schemaErrors, sitemap.file).toEqual([]);
  });

  it('rejects an index or urlset that breaks the protocol', async () => {
    const index = '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><lastmod>2026-01-01</lastmod></sitemap></sitemapindex>';
    expect((await validateSitemapXml('index.xml', index)).join()).toMatch(/lastmod.*not expected.*loc/);
    const urlset = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/</loc><priority>2</priority></url></urlset>';
    expect((await validateSitemapXml('urlset.xml', urlset)).join()).toMatch(/priority/);
  });

  const official = path.resolve(ROOT, '../shared/sitemaps-xsd/siteindex.xsd');
  it.skipIf(!existsSync(official))(`agrees with the official siteindex.xsd (${existsSync(official) ? '../shared' : 'skipped: ../shared/sitemaps-xsd is absent'})`, async () => {
    const cases = [
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://a.example/s-1.xml</loc><lastmod>2026-01-01</lastmod></sitemap></sitemapindex>',
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://a.example/s-1.xml</loc><lastmod>2026-01-01T10:00:00+00:00</lastmod></sitemap></sitemapindex>',
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><lastmod>2026-01-01</lastmod></sitemap></sitemapindex>',
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://a.example/s.xml</loc><loc>https://a.example/t.xml</loc></sitemap></sitemapindex>',
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>x</loc></sitemap></sitemapindex>',
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://a.example/s.xml</loc><lastmod>yesterday</lastmod></sitemap></sitemapindex>',
    ];
    const officialSchema = readFileSync(official, 'utf8');
    const ours = await readFile(path.join(ROOT, 'vocab/siteindex.xsd'), 'utf8');
    for (const xml of cases) {
      const expected = (await validateXML({ xml: [{ fileName: 'i.xml', contents: xml }], schema: [officialSchema] })).valid;
      const actual = (await validateXML({ xml: [{ fileName: 'i.xml', contents: xml }], schema: [ours] })).valid;
      expect(actual, xml).toBe(expected);
    }
  });
});
