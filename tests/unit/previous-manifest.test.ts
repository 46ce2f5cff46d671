import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestText, type ManifestEntry } from '../../src/core/lastmod.js';
import { PreviousManifest } from '../../src/io/previous-manifest.js';

const dir = await mkdtemp(path.join(tmpdir(), 'clinic-seo-manifest-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const input = (byte: number) => Buffer.alloc(20, byte).toString('base64url');
const hash = (byte: number) => Buffer.alloc(32, byte).toString('base64url');

describe('PreviousManifest', () => {
  it('reads back every entry manifestText wrote, whatever characters the file names hold', async () => {
    // Names that look like the end of a name (`":{`), escaped quotes and backslashes, and non-ASCII text.
    const files: [string, ManifestEntry][] = [
      ['index.html', { lastmod: '2026-11-01', input: input(1) }],
      ['a":{b/index.html', { lastmod: '2026-11-02', input: input(2) }],
      ['q\\":{"x/index.html', { hash: hash(3), lastmod: '2026-11-03', input: input(3) }],
      ['back\\slash\\/index.html', { lastmod: '2026-11-04', input: input(4) }],
      ['kliniken/zürich-ünd-ñ/index.html', { lastmod: '2026-11-05', input: input(5) }],
      ['assets/site.css', { hash: hash(6), lastmod: '2026-11-06' }],
    ];
    const file = path.join(dir, 'manifest.json');
    await writeFile(file, [...manifestText(files)].join(''));
    const manifest = await PreviousManifest.read(file);
    expect(manifest).toBeDefined();
    for (const [name, entry] of files) expect(manifest!.claim(name), name).toEqual(entry);
    expect(manifest!.get('a/index.html')).toBeUndefined();
    expect(await manifest!.unclaimed(() => false)).toEqual([]);
    const fresh = await PreviousManifest.read(file);
    expect(await fresh!.unclaimed((name) => name.startsWith('kliniken/'))).toEqual(files.map(([name]) => name).filter((name) => !name.startsWith('kliniken/')));
  });

  it('takes a manifest with a damaged entry line as no manifest at all', async () => {
    const file = path.join(dir, 'damaged.json');
    const text = [...manifestText([['a.html', { lastmod: '2026-11-01', input: input(1) }], ['b.html', { lastmod: '2026-11-02' }]])].join('');
    await writeFile(file, text.replace('"b.html":{', '"b.html":{"lastmod":'));
    expect(await PreviousManifest.read(file)).toBeUndefined();
  });
});
