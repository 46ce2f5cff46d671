import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../src/build.js';
import { UserError } from '../src/core/problems.js';
import { buildInto, DEFAULT_DATA, FIXTURES, ROOT, snapshotFolder, tempDir } from './helpers/build.js';

const lastmods = async (outDir: string): Promise<Record<string, string>> => {
  const $ = cheerio.load(await readFile(path.join(outDir, 'sitemap.xml'), 'utf8'), { xml: true });
  return Object.fromEntries($('url').toArray().map((url) => [$(url).find('loc').text(), $(url).find('lastmod').text()]));
};

/** A writable copy of a data folder, to change between builds. */
async function copyData(source: string): Promise<string> {
  const dataDir = path.join(await tempDir(), 'data');
  await cp(source, dataDir, { recursive: true });
  return dataDir;
}

describe('repeatable builds', () => {
  it('writes byte-identical output for the same data', async () => {
    const first = await buildInto(DEFAULT_DATA);
    const second = await buildInto(DEFAULT_DATA);
    const [a, b] = await Promise.all([snapshotFolder(first.outDir), snapshotFolder(second.outDir)]);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, bytes] of a) expect(b.get(file)!.equals(bytes), file).toBe(true);
  });

  it('keeps lastmod of unchanged pages and moves it only for pages whose content changed', async () => {
    const dataDir = await copyData(path.join(FIXTURES, 'multi-location'));
    const outDir = path.join(await tempDir(), 'dist');
    await buildSite({ dataDir, outDir, now: new Date('2026-01-10T00:00:00Z') });
    const before = await lastmods(outDir);
    expect(new Set(Object.values(before))).toEqual(new Set(['2026-01-10']));

    // Same data a month later: nothing changed, so no date moves.
    await buildSite({ dataDir, outDir, now: new Date('2026-02-10T00:00:00Z') });
    expect(await lastmods(outDir)).toEqual(before);

    // Change Denver's hours: only pages that show Denver's hours or its JSON-LD change.
    const denver = path.join(dataDir, 'locations/denver.yaml');
    await writeFile(denver, (await readFile(denver, 'utf8')).replace('closes: "19:00"', 'closes: "19:30"'));
    await buildSite({ dataDir, outDir, now: new Date('2026-03-10T00:00:00Z') });
    const after = await lastmods(outDir);
    const changed = Object.keys(after).filter((url) => after[url] !== before[url]).sort();
    const base = 'https://prairie-motion.example/clinics';
    expect(changed).toEqual([
      `${base}/`,
      `${base}/locations/denver/`,
      `${base}/locations/denver/hand-therapy/`,
      `${base}/locations/denver/physical-therapy/`,
    ]);
    for (const url of changed) expect(after[url]).toBe('2026-03-10');
  });
});

describe('the output folder is never left half-written', () => {
  it('leaves the previous output byte-for-byte as it was when a build fails halfway', async () => {
    const outDir = path.join(await tempDir(), 'dist');
    await buildSite({ dataDir: DEFAULT_DATA, outDir });
    const before = await snapshotFolder(outDir);

    // A template that fails while rendering the fourth page onwards: pages are already being written.
    const templatesDir = path.join(await tempDir(), 'templates');
    await cp(path.join(ROOT, 'templates'), templatesDir, { recursive: true });
    await writeFile(path.join(templatesDir, 'pages/location-service.hbs'), '{{#> layouts/base}}{{> no-such-partial}}{{/layouts/base}}');
    const failure = await buildSite({ dataDir: DEFAULT_DATA, outDir, templatesDir }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as UserError).message).toMatch(/location-service\.hbs:1: Template error: The partial no-such-partial could not be found\./);

    const after = await snapshotFolder(outDir);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of before) expect(after.get(file)!.equals(bytes), file).toBe(true);
    // And no staging folder is left beside it.
    const siblings = await import('node:fs/promises').then((fs) => fs.readdir(path.dirname(outDir)));
    expect(siblings).toEqual(['dist']);
  });

  it('refuses to replace a folder it did not make', async () => {
    const outDir = path.join(await tempDir(), 'src');
    await mkdir(outDir);
    await writeFile(path.join(outDir, 'precious.ts'), 'export {};\n');
    await expect(buildSite({ dataDir: DEFAULT_DATA, outDir })).rejects.toThrow(/not empty and was not made by clinic-seo/);
    expect(await readFile(path.join(outDir, 'precious.ts'), 'utf8')).toBe('export {};\n');
  });
});

describe('static files', () => {
  it('refuses a static file that would replace a generated one, and writes nothing', async () => {
    const dataDir = await copyData(path.join(FIXTURES, 'multi-location'));
    await writeFile(path.join(dataDir, 'static/robots.txt'), 'User-agent: *\nDisallow: /\n');
    const outDir = path.join(await tempDir(), 'dist');
    await expect(buildSite({ dataDir, outDir })).rejects.toThrow(/static\/robots\.txt: This file would replace robots\.txt, which clinic-seo builds/);
    await expect(readFile(path.join(outDir, 'index.html'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses static files that would replace pages: the home page and a location page', async () => {
    const dataDir = await copyData(path.join(FIXTURES, 'multi-location'));
    await mkdir(path.join(dataDir, 'static/locations/denver'), { recursive: true });
    await writeFile(path.join(dataDir, 'static/index.html'), '<p>mine</p>\n');
    await writeFile(path.join(dataDir, 'static/locations/denver/index.html'), '<p>mine</p>\n');
    const error = await buildSite({ dataDir, outDir: path.join(await tempDir(), 'dist') }).catch((caught: unknown) => caught);
    expect((error as UserError).problems.map((problem) => problem.message)).toEqual([
      'this file would replace index.html, which clinic-seo builds',
      'this file would replace locations/denver/index.html, which clinic-seo builds',
    ]);
  });
});

describe('sitemap index', () => {
  it('splits into numbered sitemaps under an index above the URL limit', async () => {
    const { outDir } = await buildInto(path.join(FIXTURES, 'multi-location'), { sitemapLimit: 5 });
    const index = cheerio.load(await readFile(path.join(outDir, 'sitemap.xml'), 'utf8'), { xml: true });
    const base = 'https://prairie-motion.example/clinics';
    const sitemaps = index('sitemapindex > sitemap > loc').toArray().map((loc) => index(loc).text());
    expect(sitemaps).toEqual([1, 2, 3, 4].map((n) => `${base}/sitemap-${n}.xml`));
    let urls = 0;
    for (const n of [1, 2, 3, 4]) {
      const part = cheerio.load(await readFile(path.join(outDir, `sitemap-${n}.xml`), 'utf8'), { xml: true });
      const count = part('urlset > url').length;
      expect(count).toBeLessThanOrEqual(5);
      urls += count;
    }
    expect(urls).toBe(18);
  });
});
