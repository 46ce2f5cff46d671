import { cp, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../src/build.js';
import { UserError } from '../src/core/problems.js';
import { FIXTURES, snapshotFolder, tempDir } from './helpers/build.js';

const MULTI = path.join(FIXTURES, 'multi-location');

async function copyData(): Promise<string> {
  const dataDir = path.join(await tempDir(), 'data');
  await cp(MULTI, dataDir, { recursive: true });
  return dataDir;
}

/** Modification times of every file, to tell which files a build really rewrote. */
async function mtimes(outDir: string): Promise<Map<string, number>> {
  const files = [...(await snapshotFolder(outDir)).keys()];
  return new Map(await Promise.all(files.map(async (file) => [file, (await stat(path.join(outDir, file))).mtimeMs] as const)));
}

/** The same files with the same bytes; the manifest is bookkeeping (a rebuild records hashes it had to compute). */
async function expectSameFolders(a: string, b: string, { manifest = true } = {}): Promise<void> {
  const [left, right] = await Promise.all([snapshotFolder(a), snapshotFolder(b)]);
  if (!manifest) for (const folder of [left, right]) folder.delete('.clinic-seo/manifest.json');
  expect([...right.keys()]).toEqual([...left.keys()]);
  for (const [file, bytes] of left) expect(right.get(file)!.equals(bytes), file).toBe(true);
}

describe('worker threads', () => {
  it('write byte-identical output to a single-threaded build', async () => {
    const single = path.join(await tempDir(), 'single');
    const threaded = path.join(await tempDir(), 'threaded');
    const now = new Date('2026-11-27T00:00:00Z');
    const one = await buildSite({ dataDir: MULTI, outDir: single, now, threads: 1 });
    const two = await buildSite({ dataDir: MULTI, outDir: threaded, now, threads: 2 });
    expect([one.threads, two.threads]).toEqual([1, 2]);
    await expectSameFolders(single, threaded);
  });

  it('give the same output when the data is loaded in several workers and pages go out in many small batches', async () => {
    const inThread = path.join(await tempDir(), 'in-thread');
    const batched = path.join(await tempDir(), 'batched');
    const now = new Date('2026-11-27T00:00:00Z');
    await buildSite({ dataDir: MULTI, outDir: inThread, now, threads: 1, loadThreads: 0 });
    const result = await buildSite({ dataDir: MULTI, outDir: batched, now, threads: 2, loadThreads: 3, pagesPerBatch: 2 });
    expect(result.warnings.length).toBeGreaterThan(0);
    // The site store too: the shares' records are taken in in file order, at the offsets one thread gives them.
    await expectSameFolders(inThread, batched);
    expect((await readdir(path.join(batched, '.clinic-seo'))).sort()).toEqual(['manifest.json', 'site-model.cache']);
  });

  it('refuse a number of load threads that is not a whole number, and leave nothing behind', async () => {
    const outDir = path.join(await tempDir(), 'out');
    await expect(buildSite({ dataDir: MULTI, outDir, loadThreads: 2.5 })).rejects.toThrow(/loadThreads must be a whole number/);
    expect(await readdir(path.dirname(outDir))).toEqual([]);
  });

  it('report bad data found by load workers exactly as in this thread, duplicate slugs across shares included', async () => {
    const dataDir = await copyData();
    const locations = path.join(dataDir, 'locations');
    const edit = async (file: string, from: RegExp, to: string) =>
      writeFile(path.join(locations, file), (await readFile(path.join(locations, file), 'utf8')).replace(from, to));
    // Seven files in three shares: [austin-north, austin], [denver, omaha], [toronto, toronto-2, zz-not-utf8].
    await edit('denver.yaml', /^telephone:.*$/m, 'telephone: 12');
    await edit('omaha.yaml', /^slug:.*$/m, 'slug: austin-north');
    await edit('toronto.yaml', /^slug:.*$/m, 'slug: austin-north');
    await cp(path.join(locations, 'toronto.yaml'), path.join(locations, 'toronto-2.yaml'));
    await writeFile(path.join(locations, 'zz-not-utf8.yaml'), Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0x0a]));
    const failure = (loadThreads: number) =>
      buildSite({ dataDir, outDir: path.join(dataDir, '../out'), loadThreads }).then(() => undefined, (error: unknown) => error);
    const [inThread, inWorkers] = [await failure(0), await failure(3)];
    expect(inWorkers).toBeInstanceOf(UserError);
    const problems = (inWorkers as UserError).problems;
    expect(problems).toEqual((inThread as UserError).problems);
    expect(problems.map((problem) => problem.path)).toContain('telephone');
    expect(problems.filter((problem) => problem.message.includes('slug "austin-north" is already used by')).map((problem) => [path.basename(problem.file), problem.line]))
      .toEqual([['omaha.yaml', 2], ['toronto-2.yaml', 2], ['toronto.yaml', 2]]);
    expect(problems.filter((problem) => problem.message.includes('already used by')).every((problem) => problem.message.endsWith('austin-north.yaml'))).toBe(true);
    expect(problems.some((problem) => problem.file.endsWith('zz-not-utf8.yaml') && problem.message.includes('UTF-8'))).toBe(true);
    // Nothing is left beside the data: no output, no staging folder, no part files.
    expect(await readdir(path.join(dataDir, '..'))).toEqual(['data']);
  });
});

describe('incremental rebuilds', () => {
  it('rewrite nothing when nothing changed, and keep every file as it was', async () => {
    const dataDir = await copyData();
    const outDir = path.join(await tempDir(), 'dist');
    const first = await buildSite({ dataDir, outDir, now: new Date('2026-01-01T00:00:00Z') });
    expect([first.written, first.unchanged, first.removed]).toEqual([19, 0, 0]);
    const before = await mtimes(outDir);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await buildSite({ dataDir, outDir, now: new Date('2026-02-01T00:00:00Z') });
    expect([again.written, again.unchanged, again.removed]).toEqual([0, 19, 0]);
    expect(await mtimes(outDir)).toEqual(before);
  });

  it('rewrite only the changed location\'s pages, the pages that show it, and the sitemap', async () => {
    const dataDir = await copyData();
    const outDir = path.join(await tempDir(), 'dist');
    await buildSite({ dataDir, outDir, now: new Date('2026-01-01T00:00:00Z') });
    const before = await mtimes(outDir);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const denver = path.join(dataDir, 'locations/denver.yaml');
    await writeFile(denver, (await readFile(denver, 'utf8')).replace('closes: "19:00"', 'closes: "19:30"'));
    const result = await buildSite({ dataDir, outDir, now: new Date('2026-02-01T00:00:00Z') });
    const after = await mtimes(outDir);
    const rewritten = [...after].filter(([file, mtime]) => before.get(file) !== mtime).map(([file]) => file).sort();
    expect(rewritten).toEqual([
      '.clinic-seo/manifest.json',
      '.clinic-seo/site-model.cache',
      'index.html',
      'locations/denver/hand-therapy/index.html',
      'locations/denver/index.html',
      'locations/denver/physical-therapy/index.html',
      'sitemap.xml',
    ]);
    expect([result.written, result.removed]).toEqual([4, 0]);
  });

  it('remove the pages and sitemap entries of a deleted location', async () => {
    const dataDir = await copyData();
    const outDir = path.join(await tempDir(), 'dist');
    await buildSite({ dataDir, outDir });
    await rm(path.join(dataDir, 'locations/austin.yaml'));
    const result = await buildSite({ dataDir, outDir });
    expect(result.removed).toBe(2);
    await expect(stat(path.join(outDir, 'locations/austin'))).rejects.toThrow(/ENOENT/);
    expect(await readFile(path.join(outDir, 'sitemap.xml'), 'utf8')).not.toContain('/locations/austin/');
    expect(await readFile(path.join(outDir, 'sitemap.xml'), 'utf8')).toContain('/locations/austin-north/');
  });

  it('keep pages whose bytes did not change when everything is rendered again (new templates)', async () => {
    const templatesDir = path.join(await tempDir(), 'templates');
    await cp(path.join(MULTI, '../../../templates'), templatesDir, { recursive: true });
    const outDir = path.join(await tempDir(), 'dist');
    await buildSite({ dataDir: MULTI, outDir, templatesDir, now: new Date('2026-01-01T00:00:00Z') });
    const before = await mtimes(outDir);
    const sitemap = await readFile(path.join(outDir, 'sitemap.xml'), 'utf8');
    // A template comment changes the templates' fingerprint but not one byte of output.
    const footer = path.join(templatesDir, 'partials/footer.hbs');
    await writeFile(footer, `{{!-- restyled later --}}${await readFile(footer, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await buildSite({ dataDir: MULTI, outDir, templatesDir, now: new Date('2026-02-01T00:00:00Z') });
    expect([result.written, result.unchanged]).toEqual([0, 19]);
    expect(await readFile(path.join(outDir, 'sitemap.xml'), 'utf8')).toBe(sitemap);
    const after = await mtimes(outDir);
    expect([...after].filter(([file, mtime]) => before.get(file) !== mtime).map(([file]) => file)).toEqual(['.clinic-seo/manifest.json']);
  });

  it('let a removed file become a folder of the same name', async () => {
    const dataDir = await copyData();
    const outDir = path.join(await tempDir(), 'dist');
    await writeFile(path.join(dataDir, 'static/docs'), 'a file');
    await buildSite({ dataDir, outDir });
    await rm(path.join(dataDir, 'static/docs'));
    await cp(path.join(dataDir, 'static/images'), path.join(dataDir, 'static/docs'), { recursive: true });
    await buildSite({ dataDir, outDir });
    expect((await stat(path.join(outDir, 'docs/logo.png'))).isFile()).toBe(true);
  });

  it('leave no staging folder when a worker fails', async () => {
    const templatesDir = path.join(await tempDir(), 'templates');
    await cp(path.join(MULTI, '../../../templates'), templatesDir, { recursive: true });
    await writeFile(path.join(templatesDir, 'pages/condition.hbs'), '{{#> layouts/base}}{{> missing-partial}}{{/layouts/base}}');
    const parent = await tempDir();
    await expect(buildSite({ dataDir: MULTI, outDir: path.join(parent, 'dist'), templatesDir, threads: 2 })).rejects.toThrow(/missing-partial/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readdir(parent)).toEqual([]);
  });

  it('give the same output as a fresh build after every kind of change', async () => {
    const dataDir = await copyData();
    const outDir = path.join(await tempDir(), 'dist');
    const now = new Date('2026-03-03T00:00:00Z');
    await buildSite({ dataDir, outDir, now });
    const edits: [string, (text: string) => string][] = [
      ['services/dry-needling.md', (text) => text.replace('Dry Needling', 'Trigger Point Dry Needling')],
      ['conditions/tennis-elbow.md', (text) => text.replace('Tennis Elbow', 'Tennis Elbow (Lateral Epicondylitis)')],
      ['services/hand-therapy.md', (text) => text.replace('conditions: [tennis-elbow]', 'conditions: [tennis-elbow, whiplash]')],
      ['locations/omaha.yaml', (text) => text.replace('services: [physical-therapy, dry-needling]', 'services: [physical-therapy, dry-needling, hand-therapy]')],
      ['site.yaml', (text) => text.replace('name: Prairie Motion Physio\n', 'name: Prairie Motion\n')],
      ['locations/toronto.yaml', (text) => text.replace('name: Prairie Motion Physio Toronto', 'name: Prairie Motion Toronto')],
    ];
    for (const [file, edit] of edits) {
      const target = path.join(dataDir, file);
      await writeFile(target, edit(await readFile(target, 'utf8')));
      await buildSite({ dataDir, outDir, now });
      const fresh = path.join(await tempDir(), 'fresh');
      await buildSite({ dataDir, outDir: fresh, now });
      await expectSameFolders(fresh, outDir, { manifest: false });
    }
  });
});

/**
 * Rewrite the lines of one region of a site store (see site-store-format.ts: header, records, sources, index, and a
 * trailer of four numbers: where the sources and the index start, and their lengths).
 */
async function editStore(file: string, region: 'sources' | 'index', edit: (lines: string[]) => string[]): Promise<void> {
  const bytes = await readFile(file);
  const trailerAt = bytes.length - 32;
  const [sourcesAt, indexAt] = [bytes.readDoubleLE(trailerAt), bytes.readDoubleLE(trailerAt + 16)];
  const lines = (from: number, to: number) => bytes.subarray(from, to).toString().split('\n');
  const sources = Buffer.from((region === 'sources' ? edit : (same: string[]) => same)(lines(sourcesAt, indexAt)).join('\n'));
  const index = Buffer.from((region === 'index' ? edit : (same: string[]) => same)(lines(indexAt, trailerAt)).join('\n'));
  const trailer = Buffer.alloc(32);
  [sourcesAt, sources.length, sourcesAt + sources.length, index.length].forEach((value, at) => trailer.writeDoubleLE(value, 8 * at));
  await writeFile(file, Buffer.concat([bytes.subarray(0, sourcesAt), sources, index, trailer]));
}

describe('the site model cache', () => {
  const cacheFile = (outDir: string) => path.join(outDir, '.clinic-seo/site-model.cache');
  const now = new Date('2026-11-27T00:00:00Z');

  it('is read instead of the data when nothing it came from changed', async () => {
    const outDir = path.join(await tempDir(), 'dist');
    await buildSite({ dataDir: MULTI, outDir, now });
    // Swap a name inside the stored index, keeping its key: only a build that reads the store can show it.
    await editStore(cacheFile(outDir), 'index', ([head, ...rest]) => {
      const cached = JSON.parse(head!) as { site: { name: string } };
      cached.site.name = 'Renamed In Cache';
      return [JSON.stringify(cached), ...rest];
    });
    await buildSite({ dataDir: MULTI, outDir, now });
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).toContain('Renamed In Cache');
  });

  it('gives the records of unchanged location files to a build after some changed, which then equals a fresh build', async () => {
    const dataDir = await copyData();
    const outDir = path.join(await tempDir(), 'dist');
    const first = await buildSite({ dataDir, outDir, now });
    expect(first.reusedLocations).toBe(0);
    // Mark what the store says of every location file (its warnings): a build shows the mark only for the files
    // whose stored results it took instead of reading them.
    await editStore(cacheFile(outDir), 'sources', (lines) => lines.map((line, index) => {
      if (index === 0 || line === '') return line;
      const [file, hash, location, warnings] = JSON.parse(line) as [string, string, unknown, { message: string }[]];
      return JSON.stringify([file, hash, location, [...warnings, { severity: 'warning', file, message: 'marked in the store' }]]);
    }));
    const locations = path.join(dataDir, 'locations');
    await writeFile(path.join(locations, 'omaha.yaml'), (await readFile(path.join(locations, 'omaha.yaml'), 'utf8')).replace('name: Prairie Motion Physio', 'name: Prairie Motion Omaha'));
    await rm(path.join(locations, 'toronto.yaml'));
    await cp(path.join(MULTI, 'locations/toronto.yaml'), path.join(locations, 'toronto-east.yaml'));
    const again = await buildSite({ dataDir, outDir, now, loadThreads: 0 });
    // austin-north, austin, denver: unchanged; omaha changed, toronto-east is new (its text is toronto's, not its name).
    expect(again.reusedLocations).toBe(3);
    expect((await readdir(path.join(outDir, '.clinic-seo'))).sort()).toEqual(['manifest.json', 'site-model.cache']);
    expect((await readdir(path.dirname(outDir))).filter((name) => name.includes('staging'))).toEqual([]);
    expect(again.warnings.filter((warning) => warning.message === 'marked in the store').map((warning) => path.basename(warning.file)).sort())
      .toEqual(['austin-north.yaml', 'austin.yaml', 'denver.yaml']);

    // Without the marks, the same build equals a fresh one, store included, with one load thread or several.
    for (const loadThreads of [1, 3]) {
      const before = path.join(await tempDir(), 'dist');
      await rm(path.join(locations, 'toronto-east.yaml'));
      await cp(path.join(MULTI, 'locations/toronto.yaml'), path.join(locations, 'toronto.yaml'));
      await buildSite({ dataDir, outDir: before, now });
      await writeFile(path.join(locations, 'austin.yaml'), (await readFile(path.join(locations, 'austin.yaml'), 'utf8')) + '\n');
      await rename(path.join(locations, 'toronto.yaml'), path.join(locations, 'toronto-east.yaml'));
      const rebuilt = await buildSite({ dataDir, outDir: before, now, loadThreads });
      expect(rebuilt.reusedLocations).toBe(3);
      const fresh = path.join(await tempDir(), 'fresh');
      await buildSite({ dataDir, outDir: fresh, now });
      await expectSameFolders(fresh, before, { manifest: false });
    }
  });

  it('gives no record whose bytes are not what its hash says', async () => {
    const dataDir = await copyData();
    const outDir = path.join(await tempDir(), 'dist');
    await buildSite({ dataDir, outDir, now });
    // Damage denver's record: same length, other bytes.
    const bytes = await readFile(cacheFile(outDir));
    const at = bytes.indexOf('"slug":"denver"');
    bytes.write('"slug":"DENVER"', at);
    await writeFile(cacheFile(outDir), bytes);
    const omaha = path.join(dataDir, 'locations/omaha.yaml');
    await writeFile(omaha, (await readFile(omaha, 'utf8')) + '\n');
    const again = await buildSite({ dataDir, outDir, now });
    expect(again.reusedLocations).toBe(3);
    const fresh = path.join(await tempDir(), 'fresh');
    await buildSite({ dataDir, outDir: fresh, now });
    await expectSameFolders(fresh, outDir, { manifest: false });
  });

  it('is ignored when it is damaged, and the build is the same as without it', async () => {
    const outDir = path.join(await tempDir(), 'dist');
    const fresh = path.join(await tempDir(), 'fresh');
    await buildSite({ dataDir: MULTI, outDir, now });
    const bytes = await readFile(cacheFile(outDir));
    await writeFile(cacheFile(outDir), bytes.subarray(0, bytes.length - 100));
    await buildSite({ dataDir: MULTI, outDir, now, threads: 1 });
    await buildSite({ dataDir: MULTI, outDir: fresh, now });
    await expectSameFolders(fresh, outDir, { manifest: false });
  });

  it('follows data files through symbolic links, as the loader does', async () => {
    const root = await tempDir();
    const shared = path.join(root, 'shared-locations');
    const dataDir = await copyData();
    await rename(path.join(dataDir, 'locations'), shared);
    await symlink(shared, path.join(dataDir, 'locations'));
    const outDir = path.join(root, 'dist');
    await buildSite({ dataDir, outDir, now });
    const denver = path.join(shared, 'denver.yaml');
    await writeFile(denver, (await readFile(denver, 'utf8')).replace(/^name: .*$/m, 'name: Linked Denver Clinic'));
    await buildSite({ dataDir, outDir, now });
    expect(await readFile(path.join(outDir, 'locations/denver/index.html'), 'utf8')).toContain('Linked Denver Clinic');
  });

  it('reports a data file that cannot be read as bad data, not as an internal error', async () => {
    const dataDir = await copyData();
    await symlink(path.join(dataDir, 'nowhere.yaml'), path.join(dataDir, 'locations/broken.yaml'));
    const error = await buildSite({ dataDir, outDir: path.join(dataDir, '../dist'), now }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems.map((problem) => problem.file)).toContainEqual(expect.stringMatching(/locations\/broken\.yaml$/));
  });

  it('names the files of the data folder given, not of the one the cache was made from', async () => {
    const [first, second] = [await copyData(), await copyData()];
    const outDir = path.join(await tempDir(), 'dist');
    await buildSite({ dataDir: first, outDir, now });
    const result = await buildSite({ dataDir: second, outDir, now });
    expect(result.warnings.length).toBeGreaterThan(0);
    for (const warning of result.warnings) expect(path.resolve(warning.file)).not.toContain(first);
    expect(result.warnings.some((warning) => path.resolve(warning.file).startsWith(second))).toBe(true);
  });
});
