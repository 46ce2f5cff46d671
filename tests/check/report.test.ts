import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSite } from '../../src/check.js';
import { REPORT_LIMITS } from '../../src/core/check/report-model.js';
import { jsonTreeHtml } from '../../src/io/json-tree-html.js';
import { assertReportFolder, writeReport } from '../../src/io/write-report.js';
import { buildInto, DEFAULT_DATA, listFiles, tempDir } from '../helpers/build.js';

type Checked = Awaited<ReturnType<typeof checkSite>>;

/** Every HTML file of a report, parsed. */
async function readReport(dir: string): Promise<Map<string, cheerio.CheerioAPI>> {
  const files = new Map<string, cheerio.CheerioAPI>();
  for (const file of (await listFiles(dir)).filter((name) => name.endsWith('.html'))) files.set(file, cheerio.load(await readFile(path.join(dir, file), 'utf8')));
  return files;
}

/** The report's links between its own files that lead to no file, or to no element with the fragment's id. */
function brokenLinks(report: Map<string, cheerio.CheerioAPI>): string[] {
  const broken: string[] = [];
  for (const [file, $] of report) {
    $('a[href]').each((_, link) => {
      const href = $(link).attr('href')!;
      if (/^https?:/.test(href)) return;
      const [target, fragment] = href.split('#');
      const resolved = path.posix.join(path.posix.dirname(file), target!);
      const page = report.get(resolved);
      if (!page || (fragment && page(`[id="${fragment}"]`).length !== 1)) broken.push(`${file} -> ${href}`);
    });
  }
  return broken;
}

describe('the check report', () => {
  let checked: Checked;
  beforeAll(async () => {
    const { outDir } = await buildInto(DEFAULT_DATA);
    checked = await checkSite({ dir: outDir });
  });

  it('cuts a large site into files of pages and of findings, all linked to one another', async () => {
    const dir = await tempDir();
    await writeReport(dir, checked, { pagesPerFile: 5, findingsPerFile: 2, listed: 1 });
    const report = await readReport(dir);
    // 16 pages, five to a file; google-recommended's 6 findings, two to a file.
    expect([...report.keys()]).toEqual([
      'index.html', 'pages/1.html', 'pages/2.html', 'pages/3.html', 'pages/4.html',
      'rules/google-recommended-2.html', 'rules/google-recommended-3.html', 'rules/google-recommended.html',
    ]);
    expect(brokenLinks(report)).toEqual([]);

    // Every page once, in the folder's order, numbered across the files.
    const sections = ['1', '2', '3', '4'].flatMap((file) => report.get(`pages/${file}.html`)!('section.page').toArray().map((section) => report.get(`pages/${file}.html`)!(section)));
    expect(sections.map((section) => section.find('h2 a').text())).toEqual(checked.snapshot.pages.map((page) => page.path));
    expect(sections.map((section) => section.attr('id'))).toEqual(checked.snapshot.pages.map((_, index) => `page-${index + 1}`));
    const third = report.get('pages/3.html')!;
    expect(third('h1').text()).toBe('Pages 11 to 15 of 16');
    expect(third('nav a').toArray().map((link) => `${third(link).text()} ${third(link).attr('href')}`)).toEqual(['Overview ../index.html', 'Previous 2.html', 'Next 4.html']);

    const overview = report.get('index.html')!;
    expect(overview('.counts').first().text()).toBe('0 errors5 warnings1 note');
    // The worst page first (the clinic's own page, with five warnings), then how many are left out.
    expect(overview('table.worst tbody tr').length).toBe(1);
    expect(overview('table.worst td a').first().text()).toBe('/locations/kearney/');
    expect(overview('table.worst + p').text()).toBe("And 1 more page with findings: see all pages below, or each rule's findings.");
    expect(overview('table.page-files td a').toArray().map((link) => overview(link).text())).toEqual(['1 to 5', '6 to 10', '11 to 15', '16 to 16']);
    expect(overview('header').text()).toContain('with errors to fix: 0; with warnings and no error: 1; with notes only: 1; with no finding: 14');

    const rule = report.get('rules/google-recommended.html')!;
    expect(rule('h1').text()).toBe('google-recommended: findings 1 to 2 of 6');
    expect(rule('.finding').length).toBe(2);
    expect(rule('.finding a').first().attr('href')).toMatch(/^\.\.\/pages\/\d\.html#page-\d+$/);
    expect(rule('.finding').first().text()).toContain('"logo" is recommended for Organization');
    // Message and fix read as sentences, as in the text output.
    expect(rule('.finding em').first().text()).toBe('Add a logo: a square image of at least 112x112 pixels.');
    const last = report.get('rules/google-recommended-3.html')!;
    expect(last('.finding').last().text()).toContain('"openingHoursSpecification" is recommended for local business results');
    expect(last('nav a').toArray().map((link) => last(link).attr('href'))).toEqual(['../index.html', 'google-recommended-2.html']);
  });

  it('marks its folder as a report before writing any file, so a report stopped halfway can be written over', async () => {
    const dir = path.join(await tempDir(), 'report');
    const broken = { ...checked, snapshot: { ...checked.snapshot, pages: [null as unknown as (typeof checked.snapshot.pages)[number]] } };
    await expect(writeReport(dir, broken)).rejects.toThrow(TypeError);
    expect(JSON.parse(await readFile(path.join(dir, '.clinic-seo-report.json'), 'utf8'))).toEqual({ files: [] });
    await writeReport(dir, checked);
    expect(await listFiles(dir)).toContain('index.html');
  });

  it('refuses a report folder that is not one, with a clear error before the audit', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'file'), 'x');
    await expect(assertReportFolder(path.join(dir, 'file', 'sub'))).rejects.toThrow(/is not a folder \(it, or a folder on its path, is a file\)/);
    await symlink('loop', path.join(dir, 'loop'));
    await expect(assertReportFolder(path.join(dir, 'loop'))).rejects.toThrow(/is a loop of symbolic links/);
    await expect(assertReportFolder(path.join(dir, 'new', 'report'))).resolves.toBeUndefined();
  });

  it('removes the files of its previous, larger report, and no file that is not its own', async () => {
    const dir = await tempDir();
    await writeReport(dir, checked, { pagesPerFile: 5, findingsPerFile: 2, listed: 1 });
    // A user's files beside the report, under names the report could have used, are not the report's.
    await writeFile(path.join(dir, 'pages', 'mine.html'), 'mine');
    await writeFile(path.join(dir, 'pages', '7.html'), 'mine too');
    await mkdir(path.join(dir, 'rules', 'old.html'));
    await writeReport(dir, checked);
    expect(await listFiles(dir)).toEqual(['.clinic-seo-report.json', 'index.html', 'pages/1.html', 'pages/7.html', 'pages/mine.html', 'rules/google-recommended.html']);
    const report = await readReport(dir);
    for (const file of ['pages/7.html', 'pages/mine.html']) report.delete(file);
    expect(brokenLinks(report)).toEqual([]);
    expect(report.get('pages/1.html')!('section.page').length).toBe(16);
  });

  it('shows findings on the sitemap and robots.txt in the overview, without a link to a page they are not', async () => {
    const { outDir } = await buildInto(DEFAULT_DATA);
    const sitemap = path.join(outDir, 'sitemap.xml');
    await writeFile(sitemap, (await readFile(sitemap, 'utf8')).replace('<lastmod>', '<changefreq>sometimes</changefreq><lastmod>'));
    await writeFile(path.join(outDir, 'robots.txt'), 'User-agent: *\nDisallow: /locations/\n');
    const dir = await tempDir();
    await writeReport(dir, await checkSite({ dir: outDir }), { ...REPORT_LIMITS, listed: 1 });
    const report = await readReport(dir);
    expect(brokenLinks(report)).toEqual([]);
    const overview = report.get('index.html')!;
    const siteFiles = overview('h2:contains("Sitemaps, robots.txt") + .page');
    expect(siteFiles.find('.finding').length).toBe(1);
    expect(siteFiles.find('.finding > code').first().text()).toBe('/robots.txt');
    expect(siteFiles.find('.finding > a').toArray().map((link) => overview(link).attr('href'))).toEqual(['rules/robots.html']);
    expect(siteFiles.find('p:not(.finding)').text()).toMatch(/^And \d+ more findings?: see each rule's findings\.$/);
    const xsd = report.get('rules/sitemap-xsd.html')!;
    expect(xsd('.finding > code').first().text()).toBe('/sitemap.xml');
    expect(new Set(xsd('.finding a').toArray().map((link) => xsd(link).attr('href')))).toEqual(new Set(['sitemap-xsd.html']));
  });

  it('shows each JSON-LD block as a tree, escaped, and says why a block could not be read', () => {
    const html = jsonTreeHtml([
      { label: 'JSON-LD block 1', value: { '@type': ['MedicalClinic', 'Physiotherapy'], name: '<b>A & B</b>', geo: { '@type': 'GeoCoordinates', latitude: 40.7 }, sameAs: ['https://x.example'] } },
      { label: 'JSON-LD block 2', value: 'just text' },
      { label: 'JSON-LD block 3', problem: 'invalid JSON: Unexpected token <' },
    ]);
    expect(html).toBe(
      '<ul><li><span class="key">JSON-LD block 1</span><ul>' +
        '<li><span class="key">@type</span><ul><li><span class="key">[0]</span>: <span class="value">&quot;MedicalClinic&quot;</span></li><li><span class="key">[1]</span>: <span class="value">&quot;Physiotherapy&quot;</span></li></ul></li>' +
        '<li><span class="key">name</span>: <span class="value">&quot;&lt;b&gt;A &amp; B&lt;/b&gt;&quot;</span></li>' +
        '<li><span class="key">geo</span>: <span class="value">GeoCoordinates</span><ul><li><span class="key">@type</span>: <span class="value">&quot;GeoCoordinates&quot;</span></li><li><span class="key">latitude</span>: <span class="value">40.7</span></li></ul></li>' +
        '<li><span class="key">sameAs</span><ul><li><span class="key">[0]</span>: <span class="value">&quot;https://x.example&quot;</span></li></ul></li>' +
        '</ul></li>' +
        '<li><span class="key">JSON-LD block 2</span><ul><li><span class="key"></span>: <span class="value">just text</span></li></ul></li>' +
        '<li><span class="key">JSON-LD block 3</span>: <span class="value">invalid JSON: Unexpected token &lt;</span></li></ul>',
    );
  });
});
