import path from 'node:path';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { manifestEntry, manifestText, type ManifestEntry } from '../../src/core/lastmod.js';
import { planSitemaps, SITEMAP_URL_LIMIT } from '../../src/core/plan-sitemaps.js';
import { PreviousManifest } from '../../src/io/previous-manifest.js';
import { StagedOutput } from '../../src/io/staged-output.js';
import { renderSitemap } from '../../src/io/write-sitemap.js';
import { tempDir } from '../helpers/build.js';

const BASE = 'https://clinic.example';

describe('planSitemaps', () => {
  it('keeps up to 50,000 URLs in one sorted sitemap.xml', () => {
    const urls = [{ url: `${BASE}/a/`, lastmod: '2026-01-01' }, { url: `${BASE}/b/`, lastmod: '2026-01-02' }];
    expect([...planSitemaps(urls, BASE)]).toEqual([{ file: 'sitemap.xml', urls }]);
    expect([...planSitemaps([], BASE)]).toEqual([{ file: 'sitemap.xml', urls: [] }]);
  });

  it('refuses URLs out of order, which would make builds differ', () => {
    expect(() => [...planSitemaps([{ url: `${BASE}/b/`, lastmod: '2026-01-02' }, { url: `${BASE}/a/`, lastmod: '2026-01-01' }], BASE)]).toThrow(/out of order/);
  });

  it('splits exactly at the limit', () => {
    const urls = Array.from({ length: 6 }, (_, i) => ({ url: `${BASE}/${i}/`, lastmod: `2026-01-0${i + 1}` }));
    expect([...planSitemaps(urls.slice(0, 3), BASE, 3)].map((file) => file.file)).toEqual(['sitemap.xml']);
    const files = [...planSitemaps(urls, BASE, 3)];
    expect(files.map((file) => [file.file, 'urls' in file ? file.urls.length : file.index.length])).toEqual([['sitemap-1.xml', 3], ['sitemap-2.xml', 3], ['sitemap.xml', 2]]);
    expect(files[2]).toEqual({ file: 'sitemap.xml', index: [{ url: `${BASE}/sitemap-1.xml`, lastmod: '2026-01-03' }, { url: `${BASE}/sitemap-2.xml`, lastmod: '2026-01-06' }] });
  });

  it('writes 50,001 URLs as two numbered sitemaps under a sitemap.xml index', async () => {
    const urls = Array.from({ length: SITEMAP_URL_LIMIT + 1 }, (_, i) => ({
      url: `${BASE}/p/${String(i).padStart(6, '0')}/`,
      lastmod: i === SITEMAP_URL_LIMIT ? '2026-05-05' : '2026-01-01',
    }));
    const plan = [...planSitemaps(urls, BASE)];
    expect(plan.map((sitemap) => [sitemap.file, 'urls' in sitemap ? sitemap.urls.length : -1])).toEqual([
      ['sitemap-1.xml', 50_000],
      ['sitemap-2.xml', 1],
      ['sitemap.xml', -1],
    ]);
    expect(plan[2]).toEqual({
      file: 'sitemap.xml',
      index: [
        { url: `${BASE}/sitemap-1.xml`, lastmod: '2026-01-01' },
        { url: `${BASE}/sitemap-2.xml`, lastmod: '2026-05-05' },
      ],
    });

    const outDir = path.join(await tempDir(), 'out');
    const output = await StagedOutput.open(outDir);
    const files: string[] = [];
    for (const sitemap of plan) {
      await output.write(sitemap.file, await renderSitemap(sitemap));
      files.push(sitemap.file);
    }
    expect(files).toEqual(['sitemap-1.xml', 'sitemap-2.xml', 'sitemap.xml']);
    await output.commit(['{}'], []);
    const index = cheerio.load(await readFile(path.join(outDir, 'sitemap.xml'), 'utf8'), { xml: true });
    expect(index('sitemapindex').attr('xmlns')).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(index('sitemap > loc').toArray().map((loc) => index(loc).text())).toEqual([`${BASE}/sitemap-1.xml`, `${BASE}/sitemap-2.xml`]);
    const first = cheerio.load(await readFile(path.join(outDir, 'sitemap-1.xml'), 'utf8'), { xml: true });
    expect(first('urlset > url')).toHaveLength(50_000);
    expect(first('urlset > url > loc').first().text()).toBe(`${BASE}/p/000000/`);
  });
});

describe('manifest entries', () => {
  const previous = {
    tool: 'clinic-seo' as const,
    version: 1 as const,
    files: { 'a.html': { hash: '1', lastmod: '2026-01-01' }, 'b.html': { hash: '2', lastmod: '2026-01-01', input: 'x' } },
  };

  it('dates new and changed files today and keeps the date of unchanged ones', () => {
    const today = '2026-03-03';
    expect(manifestEntry(previous.files['a.html'], { hash: '1', changed: false }, today)).toEqual({ hash: '1', lastmod: '2026-01-01' });
    expect(manifestEntry(previous.files['b.html'], { hash: 'changed', input: 'y', changed: true }, today)).toEqual({ hash: 'changed', lastmod: today, input: 'y' });
    expect(manifestEntry(undefined, { input: 'z', changed: false }, today)).toEqual({ lastmod: today, input: 'z' });
  });

  it('reads back what manifestText wrote, entry by entry, and only manifests it wrote', async () => {
    const dir = await tempDir();
    const sha1 = (text: string) => createHash('sha1').update(text).digest('base64url');
    const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
    const files: [string, ManifestEntry][] = [
      ['locations/a/index.html', { lastmod: '2026-01-01', input: sha1('a') }],
      ['locations/a/dry-needling/index.html', { hash: sha256('b'), lastmod: '2026-02-02', input: sha1('b') }],
      ['assets/style.css', { hash: sha256('c'), lastmod: '2026-01-01' }],
      ['ünïcode/ページ/index.html', { lastmod: '2026-03-03', input: sha1('d') }],
    ];
    // More entries than the first allocation holds, so the storage has to grow.
    for (let index = 0; index < 3000; index++) files.push([`locations/l${index}/index.html`, { lastmod: '2026-01-01', input: sha1(`l${index}`) }]);
    const manifestFile = path.join(dir, 'manifest.json');
    await writeFile(manifestFile, [...manifestText(files)].join(''));
    const manifest = (await PreviousManifest.read(manifestFile))!;
    for (const [name, entry] of files) expect(manifest.get(name)).toEqual(entry);
    expect(manifest.get('locations/b/index.html')).toBeUndefined();
    expect(manifest.claim('locations/a/index.html')).toEqual(files[0]![1]);
    for (let index = 0; index < 3000; index++) manifest.claim(`locations/l${index}/index.html`);
    expect(await manifest.unclaimed((name) => name === 'assets/style.css')).toEqual(['locations/a/dry-needling/index.html', 'ünïcode/ページ/index.html']);

    for (const text of ['{"tool":"other"}', 'not json', '', [...manifestText(files)].join('').replace(/\n\}\}\n$/, '\n')]) {
      await writeFile(manifestFile, text);
      expect(await PreviousManifest.read(manifestFile)).toBeUndefined();
    }
    expect(await PreviousManifest.read(path.join(dir, 'missing.json'))).toBeUndefined();
  });

  it('reads a manifest in any JSON layout (older versions wrote it indented), and keeps its dates', async () => {
    const manifestFile = path.join(await tempDir(), 'manifest.json');
    const files = { 'index.html': { lastmod: '2026-01-01', input: createHash('sha1').update('i').digest('base64url') }, 'robots.txt': { hash: createHash('sha256').update('r').digest('base64url'), lastmod: '2026-02-02' } };
    await writeFile(manifestFile, JSON.stringify({ tool: 'clinic-seo', version: 1, files }, null, 1));
    const manifest = (await PreviousManifest.read(manifestFile))!;
    expect(manifest.get('index.html')).toEqual(files['index.html']);
    expect(manifest.claim('robots.txt')).toEqual(files['robots.txt']);
    expect(await manifest.unclaimed(() => false)).toEqual(['index.html']);
  });

  it('leaves a name written twice out of lookups, and counts it as unclaimed, so its file is written afresh', async () => {
    const manifestFile = path.join(await tempDir(), 'manifest.json');
    const sha1 = (text: string) => createHash('sha1').update(text).digest('base64url');
    const text = [...manifestText([['a.html', { lastmod: '2026-01-01', input: sha1('a') }], ['b.html', { lastmod: '2026-01-01', input: sha1('b') }]])].join('');
    await writeFile(manifestFile, text.replace('\n}}\n', `,\n"a.html":${JSON.stringify({ lastmod: '2026-02-02', input: sha1('c') })}\n}}\n`));
    const manifest = (await PreviousManifest.read(manifestFile))!;
    expect(manifest.get('a.html')).toBeUndefined();
    expect(manifest.claim('b.html')).toEqual({ lastmod: '2026-01-01', input: sha1('b') });
    expect(await manifest.unclaimed(() => false)).toEqual(['a.html', 'a.html']);
  });
});

describe('StagedOutput', () => {
  it('never writes outside the output folder', async () => {
    const output = await StagedOutput.open(path.join(await tempDir(), 'out'));
    await expect(output.write('../escaped.html', 'x')).rejects.toThrow(/outside the output folder/);
    await expect(output.write('/etc/escaped.html', 'x')).rejects.toThrow(/outside the output folder/);
    await expect(output.write('a/../../escaped.html', 'x')).rejects.toThrow(/outside the output folder/);
    await output.abort();
  });
});
