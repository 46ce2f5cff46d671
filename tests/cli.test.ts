import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA, FIXTURES, ROOT, snapshotFolder, tempDir } from './helpers/build.js';
import { run } from './helpers/run-cli.js';


describe('clinic-seo CLI', () => {
  it('prints its version and help', async () => {
    const version = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).version as string;
    expect(await run('--version')).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = await run('build', '--help');
    expect(help.code).toBe(0);
    for (const flag of ['--data', '--out', '--base-url', '--templates', '--strict']) expect(help.stdout).toContain(flag);
  });

  it('builds and prints one summary line, with warnings on stderr', async () => {
    const out = path.join(await tempDir(), 'site');
    const { code, stdout, stderr } = await run('build', '--data', DEFAULT_DATA, '--out', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Built 16 pages \(16 written, 0 unchanged, 0 removed\) and 1 sitemap file in \d+\.\d\d s into .*site\/, 6 warnings\n$/);
    expect(stderr).toContain('warning: ');
    expect(stderr).toMatch(/kearney\.yaml:\d+:\d+ address\.streetAddress: The street address is missing\./);
  });

  it('overrides the base URL everywhere with --base-url', async () => {
    const out = path.join(await tempDir(), 'site');
    expect((await run('build', '--data', DEFAULT_DATA, '--out', out, '--base-url', 'https://staging.example/')).code).toBe(0);
    const html = await readFile(path.join(out, 'locations/kearney/index.html'), 'utf8');
    expect(html).toContain('<link rel="canonical" href="https://staging.example/locations/kearney/">');
    expect(html).toContain('"@id":"https://staging.example/locations/kearney/#clinic"');
    expect(await readFile(path.join(out, 'robots.txt'), 'utf8')).toContain('Sitemap: https://staging.example/sitemap.xml');
  });

  it('restyles the whole site from a copy of the templates with --templates', async () => {
    const templates = path.join(await tempDir(), 'my-templates');
    await cp(path.join(ROOT, 'templates'), templates, { recursive: true });
    await writeFile(path.join(templates, 'assets/style.css'), 'body { background: hotpink; }\n');
    const header = path.join(templates, 'partials/header.hbs');
    await writeFile(header, (await readFile(header, 'utf8')).replace('class="site-header"', 'class="site-header custom-header"'));
    const out = path.join(await tempDir(), 'site');
    expect((await run('build', '--data', DEFAULT_DATA, '--out', out, '--templates', templates)).code).toBe(0);
    expect(await readFile(path.join(out, 'assets/style.css'), 'utf8')).toBe('body { background: hotpink; }\n');
    expect(await readFile(path.join(out, 'services/dry-needling/index.html'), 'utf8')).toContain('class="site-header custom-header"');
  });

  it('names the template file and line of a template syntax error', async () => {
    const templates = path.join(await tempDir(), 'broken');
    await cp(path.join(ROOT, 'templates'), templates, { recursive: true });
    await writeFile(path.join(templates, 'pages/condition.hbs'), '{{#> layouts/base}}\n<h1>{{content.heading}</h1>\n{{/layouts/base}}\n');
    await writeFile(path.join(templates, 'pages/404.hbs'), '{{#> layouts/base}}\n{{#each items}}\n<p>{{this}}</p>\n{{/layouts/base}}\n\n');
    await writeFile(path.join(templates, 'pages/home.hbs'), '{{#> layouts/base}}\n<h1>Home</h1>\n{{/layouts/base}}\n{{#if x}}\n\n');
    await writeFile(path.join(templates, 'pages/location.hbs'), '<p>x</p>\n{{else}}\n');
    await writeFile(path.join(templates, 'pages/region.hbs'), '<p>x</p>\n<p>{{site.name\n');
    await writeFile(path.join(templates, 'pages/service.hbs'), '{{#> layouts/base}}\n{{#if content.faq}}\n<p>x</p>\n{{/each}}\n{{/layouts/base}}\n');
    const { code, stderr } = await run('build', '--data', DEFAULT_DATA, '--out', path.join(await tempDir(), 'o'), '--templates', templates);
    expect(code).toBe(1);
    expect(stderr).toContain('broken/pages/condition.hbs:2: Template error: unexpected character in "...h1>{{content.heading}</h1>{{/layouts/ba". Fix the Handlebars syntax there; every {{ needs its }}.');
    expect(stderr).toContain('broken/pages/404.hbs:2: Template error: the {{#each}} opened here is closed by {{/layouts/base}}. Close {{#each}} with {{/each}} first.');
    expect(stderr).toContain('broken/pages/service.hbs:2: Template error: the {{#if}} opened here is closed by {{/each}}. Close {{#if}} with {{/if}} first.');
    // A block left open at the end: the last line of the file, not the one Handlebars counts after it.
    expect(stderr).toContain('broken/pages/home.hbs:4: Template error: the template ends inside a block that is not closed. Close every {{#if}}');
    expect(stderr).toContain('broken/pages/location.hbs:2: Template error: unexpected {{else}} in "<p>x</p>{{else}}". An {{else}} belongs inside a block, once.');
    expect(stderr).toContain('broken/pages/region.hbs:2: Template error: a {{ is not closed with }} before the end of the template. Close it with }}.');
  });

  it('fails with exit 1, a located message and no stack trace on bad data', async () => {
    const data = path.join(await tempDir(), 'data');
    await mkdir(path.join(data, 'locations'), { recursive: true });
    await writeFile(path.join(data, 'site.yaml'), 'baseUrl: not-a-url\nname: X\norganization: { name: X }\n');
    await writeFile(path.join(data, 'locations/a.yaml'), 'name: A\nslug: a\ntelphone: 1\naddress: { addressLocality: K, addressRegion: NE, addressCountry: US }\n');
    const out = path.join(await tempDir(), 'site');
    const { code, stderr } = await run('build', '--data', data, '--out', out);
    expect(code).toBe(1);
    expect(stderr).toMatch(/site\.yaml:1:10 baseUrl: Must be an absolute http:\/\/ or https:\/\/ URL\./);
    expect(stderr).toMatch(/a\.yaml:3:1 telphone: Unknown field "telphone"\. Did you mean "telephone"\?/);
    // The typo is reported once, as a typo, not also as a missing telephone.
    expect(stderr).not.toMatch(/telephone: This field is required/);
    expect(stderr).toContain('Nothing was written.');
    expect(stderr).not.toMatch(/\n\s+at /);
    await expect(snapshotFolder(out)).rejects.toThrow(/ENOENT/);
    const file = await run('build', '--data', path.join(data, 'site.yaml'), '--out', out);
    expect(file.stderr).toContain('site.yaml: This is a file, not the data folder. Pass the folder that holds site.yaml with --data');
  });

  it('counts a warning repeated in many files after showing it three times', async () => {
    const { code, stderr } = await run('build', '--data', path.join(FIXTURES, 'multi-location'), '--out', path.join(await tempDir(), 'site'));
    expect(code).toBe(0);
    expect(stderr.match(/images: The location has no image/g)).toHaveLength(3);
    expect(stderr).toContain('warning: … and 1 more file with the same warning (images): the location has no image\n');
  });

  it('treats warnings as errors with --strict', async () => {
    const out = path.join(await tempDir(), 'site');
    const { code, stderr } = await run('build', '--data', DEFAULT_DATA, '--out', out, '--strict');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: .*the street address is missing/im);
  });

  it('names a missing data folder and rejects a bad --base-url', async () => {
    const missing = await run('build', '--data', '/nonexistent/data', '--out', path.join(await tempDir(), 'o'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('the data folder does not exist'.replace(/^t/, 'T'));
    const badUrl = await run('build', '--data', DEFAULT_DATA, '--base-url', 'ftp://x', '--out', path.join(await tempDir(), 'o'));
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toContain('--base-url: "ftp://x" is not an absolute http:// or https:// URL');
  });

  it('builds with the thread counts given, and rejects ones that are not 1 to 64 before doing anything', async () => {
    const out = path.join(await tempDir(), 'site');
    const built = await run('build', '--data', DEFAULT_DATA, '--out', out, '--threads', '2', '--load-threads', '2');
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/^Built 16 pages /);
    for (const [option, value] of [['--threads', '0'], ['--threads', 'two'], ['--load-threads', '2.5'], ['--load-threads', '65']]) {
      const parent = await tempDir();
      const bad = await run('build', '--data', DEFAULT_DATA, '--out', path.join(parent, 'never'), option!, value!);
      expect(bad.code).toBe(1);
      expect(await readdir(parent)).toEqual([]);
      expect(bad.stderr).toContain(`${option}: "${value}" is not a number of threads from 1 to 64`);
      expect(bad.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses --out . (a folder it did not make) and leaves it alone', async () => {
    const { code, stderr } = await run('build', '--data', DEFAULT_DATA, '--out', '.');
    expect(code).toBe(1);
    expect(stderr).toContain('Refusing to replace this folder: it is not empty and was not made by clinic-seo');
  });

  it('reports an unknown command with a non-zero exit', async () => {
    const { code, stderr } = await run('bulid');
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/unknown command 'bulid'/);
  });
});
