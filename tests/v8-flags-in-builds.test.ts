import { execFileSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { FIXTURES, ROOT, tempDir } from './helpers/build.js';

// Flags are really set (the spy calls through); what was asked of V8 is recorded, since V8 cannot be asked back.
vi.mock('node:v8', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:v8')>();
  return { ...actual, setFlagsFromString: vi.fn(actual.setFlagsFromString) };
});

const { setFlagsFromString } = await import('node:v8');
const { buildSite } = await import('../src/build.js');
const { heldV8Flags } = await import('../src/io/v8-flags.js');

const MULTI = path.join(FIXTURES, 'multi-location');
const flagCalls = (name: string) => vi.mocked(setFlagsFromString).mock.calls.map(([flag]) => flag).filter((flag) => flag.includes(name));
const pretenuringCalls = () => changes('allocation-site-pretenuring');
/** Maglev is held off where this Node is built to run it by default (24, and 22.0 to 22.8), and left alone elsewhere. */
const MAGLEV_HELD = (process.config.variables as Record<string, unknown>)['v8_enable_maglev'] === 1 ? ['--no-maglev', '--maglev'] : [];
/** Each value a flag was set to, in order, a value set again in a row counted once (see reapplyHeldV8Flags). */
const changes = (name: string) => flagCalls(name).filter((flag, index, all) => flag !== all[index - 1]);

/** The young generation is kept from growing by the render pool, then by the build for its last walks. */
const GROWTH_HELD_TWICE = ['--semi-space-growth-factor=1', '--semi-space-growth-factor=2', '--semi-space-growth-factor=1', '--semi-space-growth-factor=2'];

describe('garbage collection flags of a build with render workers', () => {
  it('are taken while the workers render and given back after', async () => {
    vi.mocked(setFlagsFromString).mockClear();
    await buildSite({ dataDir: MULTI, outDir: path.join(await tempDir(), 'dist'), threads: 2 });
    expect(pretenuringCalls()).toEqual(['--no-allocation-site-pretenuring', '--allocation-site-pretenuring']);
    expect(changes('maglev')).toEqual(MAGLEV_HELD);
    expect(changes('min-semi-space-size')).toEqual(['--min-semi-space-size=8', '--min-semi-space-size=0']);
    expect(heldV8Flags()).toEqual([]);
  });

  it('keep the young generation from growing while workers render and while the sitemaps and the manifest are written', async () => {
    vi.mocked(setFlagsFromString).mockClear();
    // One page a batch: both workers get work, so both are running before the pool closes.
    await buildSite({ dataDir: MULTI, outDir: path.join(await tempDir(), 'dist'), threads: 2, pagesPerBatch: 1 });
    expect(changes('semi-space-growth-factor')).toEqual(GROWTH_HELD_TWICE);
    // Set again once both workers run: on Node 20 and 22 starting a worker puts the factor back to 2.
    expect(flagCalls('semi-space-growth-factor').slice(0, 3)).toEqual(['--semi-space-growth-factor=1', '--semi-space-growth-factor=1', '--semi-space-growth-factor=2']);
    // Taken again by the build once the pool has given its flags back.
    const calls = vi.mocked(setFlagsFromString).mock.calls.map(([flag]) => flag);
    expect(calls.lastIndexOf('--semi-space-growth-factor=1')).toBeGreaterThan(calls.indexOf('--allocation-site-pretenuring'));
    expect(heldV8Flags()).toEqual([]);
  });

  it('are given back when the build fails after the pages are rendered', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    await cp(MULTI, dataDir, { recursive: true });
    // Static files are copied last, after the sitemaps.
    await writeFile(path.join(dataDir, 'static/robots.txt'), 'User-agent: *\nDisallow: /\n');
    vi.mocked(setFlagsFromString).mockClear();
    await expect(buildSite({ dataDir, outDir: path.join(await tempDir(), 'dist'), threads: 2 })).rejects.toThrow(/would replace robots\.txt/);
    expect(changes('semi-space-growth-factor')).toEqual(GROWTH_HELD_TWICE);
    expect(heldV8Flags()).toEqual([]);
  });

  it('are given back when a worker fails', async () => {
    const templatesDir = path.join(await tempDir(), 'templates');
    await cp(path.join(MULTI, '../../../templates'), templatesDir, { recursive: true });
    // Location pages are rendered in the workers only.
    await writeFile(path.join(templatesDir, 'pages/location-service.hbs'), '{{#> layouts/base}}{{> missing-partial}}{{/layouts/base}}');
    vi.mocked(setFlagsFromString).mockClear();
    await expect(buildSite({ dataDir: MULTI, outDir: path.join(await tempDir(), 'dist'), templatesDir, threads: 2 })).rejects.toThrow(/missing-partial/);
    expect(pretenuringCalls()).toEqual(['--no-allocation-site-pretenuring', '--allocation-site-pretenuring']);
    expect(changes('maglev')).toEqual(MAGLEV_HELD);
    expect(changes('semi-space-growth-factor')).toEqual(['--semi-space-growth-factor=1', '--semi-space-growth-factor=2']);
    expect(changes('min-semi-space-size')).toEqual(['--min-semi-space-size=8', '--min-semi-space-size=0']);
    expect(heldV8Flags()).toEqual([]);
  });
});

describe('a build in a node started with flags that forbid or imply ours', () => {
  /** Build the multi-location fixture with two render threads in a new node process; its exit code and output. */
  async function buildInNode(nodeArgs: string[], nodeOptions: string) {
    const dir = await tempDir();
    const outDir = path.join(dir, 'dist');
    const script = path.join(dir, 'build.mjs');
    await writeFile(script, `import { buildSite } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'lib/build.js')).href)};
      await buildSite({ dataDir: ${JSON.stringify(MULTI)}, outDir: ${JSON.stringify(outDir)}, threads: 2, pagesPerBatch: 1 });`);
    execFileSync(process.execPath, [...nodeArgs, script], { env: { ...process.env, NODE_OPTIONS: nodeOptions }, stdio: 'pipe' });
    return readFile(path.join(outDir, 'index.html'), 'utf8');
  }

  it('builds with NODE_OPTIONS=--jitless (Maglev must not be given back to a node without a JIT)', async () => {
    expect(await buildInNode([], '--jitless')).toContain('<html');
  });

  it('builds with --freeze-flags-after-init, where setting any flag would abort node', async () => {
    expect(await buildInNode(['--freeze-flags-after-init'], '')).toContain('<html');
  });
});
