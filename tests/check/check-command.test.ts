import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { buildInto, DEFAULT_DATA, FIXTURES, ROOT, tempDir } from '../helpers/build.js';
import { run } from '../helpers/run-cli.js';
import { BASE, clinicNode, pageHtml } from './fixture-site.js';


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
    // 250 doorway pages (three batches), one clinic hiding its street address, and one page nested too deep.
    const dir = await tempDir();
    const at = (index: number) => clinicNode({ '@id': `${BASE}/c${index}/#clinic`, name: `Clinic ${index}`, telephone: '+1-308-555-0100',
      address: { '@type': 'PostalAddress', streetAddress: index === 7 ? '9 Hidden Rd' : `${index} Main St`, addressLocality: `Town${index}`, addressRegion: 'NE', postalCode: '68847', addressCountry: 'US' } });
    const body = (index: number) => `<h1>Therapy in Town${index}</h1><p>Clinic ${index}${index === 7 ? '' : `, ${index} Main St`}, Town${index}, NE 68847 treats back pain, neck pain and sports injuries with care. Call <a href="tel:+13085550100">(308) 555-0100</a>.</p>`;
    let deep: unknown = { '@type': 'Thing' };
    for (let level = 0; level < 3000; level++) deep = { '@type': 'Thing', about: deep };
    await writeFile(path.join(dir, 'index.html'), pageHtml('/', {}));
    await writeFile(path.join(dir, 'deep.html'), pageHtml('/deep.html', { jsonLd: JSON.stringify({ '@context': 'https://schema.org', ...(deep as object) }) }));
    for (let index = 0; index < 250; index++) {
      await mkdir(path.join(dir, `c${index}`));
      await writeFile(path.join(dir, `c${index}`, 'index.html'), pageHtml(`/c${index}/`, { nodes: [at(index)], body: body(index) }));
    }
    const [inThreads, inMain] = await Promise.all([run('check', dir, '--format', 'json', '--threads', '2'), run('check', dir, '--format', 'json', '--threads', '1')]);
    expect(inThreads.code).toBe(1);
    expect(inThreads.stderr).toBe('');
    const found = JSON.parse(inThreads.stdout) as { findings: { rule: string; page: string; element?: string; message: string }[] };
    expect(found).toEqual(JSON.parse(inMain.stdout));
    // Every page but /c7/, whose text lacks the street address the others have.
    const doorways = found.findings.filter((finding) => finding.rule === 'doorway').map((finding) => finding.page);
    expect(doorways).toHaveLength(249);
    expect(doorways).not.toContain('/c7/');
    expect(found.findings.filter((finding) => finding.rule === 'google-invisible-markup').map(({ page, element }) => `${page} ${element}`)).toEqual(['/c7/ address.streetAddress']);
    expect(found.findings.find((finding) => finding.rule === 'jsonld-syntax')).toMatchObject({ page: '/deep.html', message: 'the JSON-LD is nested more than 500 levels deep, and was not read further' });
    const bad = await run('check', dir, '--threads', '0');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--threads: "0" is not a number of threads from 1 to 64');
  }, 30_000);

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

  it('writes an HTML report: an overview, and a search preview, the graph and the findings of each page', async () => {
    const { outDir } = await buildInto(DEFAULT_DATA);
    const reportDir = path.join(await tempDir(), 'report');
    const { code, stderr } = await run('check', outDir, '--report', reportDir);
    expect(code).toBe(0);
    expect(stderr).toContain(`Wrote the report to ${path.relative(process.cwd(), path.join(reportDir, 'index.html'))}`);
    const $ = cheerio.load(await readFile(path.join(reportDir, 'index.html'), 'utf8'));
    expect($('h1').text()).toBe('Check report for https://elite-health-wellness.example');
    expect($('table td a').first().text()).toBe('google-recommended');
    expect($('table td a').first().attr('href')).toBe('rules/google-recommended.html');
    const pages = cheerio.load(await readFile(path.join(reportDir, 'pages/1.html'), 'utf8'));
    const location = pages('section.page').filter((_, section) => pages(section).find('h2 a').text() === '/locations/kearney/');
    expect(location.find('.serp-title').text()).toBe('Elite Health and Wellness in Kearney, NE');
    expect(location.find('.serp-url').text()).toBe('elite-health-wellness.example › locations › kearney');
    expect(location.find('.tree').text()).toContain('MedicalClinic');
  });

  it('refuses to write the report inside the folder it checks', async () => {
    const { outDir } = await buildInto(DEFAULT_DATA);
    const { code, stderr, stdout } = await run('check', outDir, '--report', path.join(outDir, 'report'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`error: --report: "${path.join(outDir, 'report')}" is inside the folder being checked`);
    expect((await run('check', outDir, '--report', outDir)).code).toBe(1);
    // Nor around it, nor inside it through a symbolic link.
    const around = await run('check', outDir, '--report', path.dirname(outDir));
    expect(around.stderr).toContain(`error: --report: "${path.dirname(outDir)}" holds the folder being checked (${outDir})`);
    const link = path.join(await tempDir(), 'site');
    await symlink(outDir, link);
    expect((await run('check', link, '--report', path.join(outDir, 'report'))).stderr).toContain('is inside the folder being checked');
    expect(await readdir(outDir)).not.toContain('report');
  });

  it("refuses to write the report over a folder of a user's files, and writes over its own report", async () => {
    const { outDir } = await buildInto(DEFAULT_DATA);
    const docs = await tempDir();
    await writeFile(path.join(docs, 'index.html'), '<p>my notes</p>');
    const { code, stderr, stdout } = await run('check', outDir, '--report', docs);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`error: --report: "${docs}" is not empty and holds no clinic-seo report. Write the report to a new or empty folder`);
    expect(await readdir(docs)).toEqual(['index.html']);
    expect(await readFile(path.join(docs, 'index.html'), 'utf8')).toBe('<p>my notes</p>');
    const file = path.join(docs, 'index.html');
    expect((await run('check', outDir, '--report', file)).stderr).toContain(`error: --report: "${file}" is not a folder (it, or a folder on its path, is a file)`);

    const report = path.join(await tempDir(), 'report');
    expect((await run('check', outDir, '--report', report)).code).toBe(0);
    expect((await run('check', outDir, '--report', report)).code).toBe(0);
    expect((await readdir(report)).sort()).toEqual(['.clinic-seo-report.json', 'index.html', 'pages', 'rules']);
  });

  it('runs after a build with build --check', async () => {
    const out = path.join(await tempDir(), 'site');
    const { code, stdout } = await run('build', '--data', DEFAULT_DATA, '--out', out, '--check');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Built 16 pages[^\n]*\n[\s\S]*Checked 16 pages and 1 sitemap file of https:\/\/elite-health-wellness\.example: 0 errors/);
  });

  it('names a page too deeply nested to parse, instead of failing with an internal error', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'index.html'), pageHtml('/', {}));
    // parse5 recurses once per template left open. Run as users do: the test runner's stack is deeper.
    await writeFile(path.join(dir, 'deep.html'), `<!doctype html><title>Deep</title>${'<template>'.repeat(20_000)}`);
    const cli = (threads: string) => spawnSync(process.execPath, [path.join(ROOT, 'bin/clinic-seo.js'), 'check', dir, '--threads', threads], { encoding: 'utf8' });
    const inMain = cli('1');
    expect(inMain.status).toBe(1);
    expect(inMain.stderr).toContain(`${path.join(dir, 'deep.html').split(path.sep).pop()}: The page cannot be parsed: its elements are nested too deeply`);
    // A worker thread's stack is deeper: on Node 20 the page parses there and gets its findings; on 22 and 24
    // it is named as in the main thread.
    const inThreads = cli('2');
    expect(inThreads.status).toBe(1);
    expect(inThreads.stderr).not.toContain('internal error');
    expect(inThreads.stdout.includes('/deep.html h1: The page has 0 <h1> elements.') || inThreads.stderr.includes('deep.html: The page cannot be parsed')).toBe(true);
  }, 30_000);

  it('explains a folder it cannot audit', async () => {
    const empty = await tempDir();
    const { code, stderr } = await run('check', empty);
    expect(code).toBe(1);
    expect(stderr).toContain('The folder has no HTML pages');
    expect((await run('check', path.join(empty, 'nope'))).stderr).toContain('The folder does not exist');
  });
});
