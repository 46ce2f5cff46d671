import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { buildInto, DEFAULT_DATA, FIXTURES, tempDir } from '../helpers/build.js';
import { run } from '../helpers/run-cli.js';


describe('clinic-seo check', () => {
  it('finds no error in the default build, and lists the warnings for data the clinic has not given', async () => {
    const { outDir } = await buildInto(DEFAULT_DATA);
    const { code, stdout } = await run('check', outDir, '--format', 'json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { counts: Record<string, number>; findings: { rule: string; severity: string; element?: string }[]; vocabulary: string };
    expect(result.counts.error).toBe(0);
    expect(result.vocabulary).toMatch(/^schema-dts@/);
    expect(result.findings.filter((finding) => finding.severity === 'warning').map((finding) => finding.element).sort()).toEqual([
      'address.postalCode', 'address.streetAddress', 'geo', 'image', 'openingHoursSpecification',
    ]);
  });

  it('finds no error in the multi-location build', async () => {
    const { outDir } = await buildInto(path.join(FIXTURES, 'multi-location'));
    const { code, stdout } = await run('check', outDir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Checked 19 pages and 1 sitemap file of https:\/\/prairie-motion\.example\/clinics: 0 errors, \d+ warnings, \d+ notes?\n$/);
  });

  it('finds the same with the pages parsed in threads as in the main thread, and rejects a bad --threads', async () => {
    const { outDir } = await buildInto(path.join(FIXTURES, 'multi-location'));
    const [inThreads, inMain] = await Promise.all([run('check', outDir, '--format', 'json', '--threads', '2'), run('check', outDir, '--format', 'json', '--threads', '1')]);
    expect(inThreads.code).toBe(0);
    expect(JSON.parse(inThreads.stdout)).toEqual(JSON.parse(inMain.stdout));
    expect(JSON.parse(inThreads.stdout).findings.length).toBeGreaterThan(0);
    const bad = await run('check', outDir, '--threads', '0');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--threads: "0" is not a number of threads from 1 to 64');
  });

  it('exits 1 and names the page and rule when a built page breaks a rule, validating the sitemap against the XSD', async () => {
    const { outDir } = await buildInto(DEFAULT_DATA);
    const page = path.join(outDir, 'services/dry-needling/index.html');
    await writeFile(page, (await readFile(page, 'utf8')).replace('<h1>', '<h1>Second</h1><h1>'));
    const sitemap = path.join(outDir, 'sitemap.xml');
    await writeFile(sitemap, (await readFile(sitemap, 'utf8')).replace('<lastmod>', '<changefreq>sometimes</changefreq><lastmod>'));
    const { code, stdout } = await run('check', outDir);
    expect(code).toBe(1);
    expect(stdout).toContain('error   h1  /services/dry-needling/ h1: The page has 2 <h1> elements. Give every page exactly one <h1> that says what it is about.');
    expect(stdout).toMatch(/error {3}sitemap-xsd {2}\/sitemap\.xml: Not valid against the sitemaps\.org schema: line \d+: .*changefreq/);
  });

  it('writes an HTML report with a search preview, the graph and the findings of each page', async () => {
    const { outDir } = await buildInto(DEFAULT_DATA);
    const reportDir = path.join(await tempDir(), 'report');
    expect((await run('check', outDir, '--report', reportDir)).code).toBe(0);
    const $ = cheerio.load(await readFile(path.join(reportDir, 'index.html'), 'utf8'));
    expect($('h1').text()).toBe('Check report for https://elite-health-wellness.example');
    const location = $('section.page').filter((_, section) => $(section).find('h3 a').text() === '/locations/kearney/');
    expect(location.find('.serp-title').text()).toBe('Elite Health and Wellness in Kearney, NE');
    expect(location.find('.serp-url').text()).toBe('elite-health-wellness.example › locations › kearney');
    expect(location.find('.tree').text()).toContain('MedicalClinic');
    expect($('table td').first().text()).toBe('google-recommended');
  });

  it('runs after a build with build --check', async () => {
    const out = path.join(await tempDir(), 'site');
    const { code, stdout } = await run('build', '--data', DEFAULT_DATA, '--out', out, '--check');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Built 16 pages[^\n]*\n[\s\S]*Checked 16 pages and 1 sitemap file of https:\/\/elite-health-wellness\.example: 0 errors/);
  });

  it('explains a folder it cannot audit', async () => {
    const empty = await tempDir();
    const { code, stderr } = await run('check', empty);
    expect(code).toBe(1);
    expect(stderr).toContain('The folder has no HTML pages');
    expect((await run('check', path.join(empty, 'nope'))).stderr).toContain('The folder does not exist');
  });
});
