import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../src/build.js';
import { StagedOutput } from '../src/io/staged-output.js';
import { removeOpenStagingNow } from '../src/io/staging-folders.js';
import { DEFAULT_DATA, ROOT, snapshotFolder, tempDir } from './helpers/build.js';
import { baseSpec, writeData } from './helpers/write-data.js';

/** The id of a process that has ended. */
function endedProcessId(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

/** The name of a staging folder of the output `site`, as a build on this machine names it. */
function stagingName(pid: number, suffix: string): string {
  return `.site.clinic-seo-staging-${hostname().replace(/[^\w.-]/g, '_')}-${pid}-${suffix}`;
}

describe('builds that were stopped', () => {
  it('leave staging folders that the next build into the same output removes, once their process is gone', async () => {
    const parent = await tempDir();
    const outDir = path.join(parent, 'site');
    await buildSite({ dataDir: DEFAULT_DATA, outDir });
    const dead = endedProcessId();
    const abandoned = [stagingName(dead, '1'), stagingName(dead, '2-previous')];
    const running = stagingName(process.pid, '999');
    const otherOutput = stagingName(dead, '1').replace('.site.', '.other.');
    // A build on another machine sharing the folder: its process cannot be seen from here.
    const otherMachine = `.site.clinic-seo-staging-elsewhere.example-${dead}-1`;
    for (const name of [...abandoned, running, otherOutput, otherMachine]) {
      await mkdir(path.join(parent, name, 'locations'), { recursive: true });
      await writeFile(path.join(parent, name, 'locations/index.html'), 'half written');
    }
    await buildSite({ dataDir: DEFAULT_DATA, outDir });
    expect((await readdir(parent)).sort()).toEqual([otherMachine, otherOutput, running, 'site'].sort());
  });

  it('put back the last output when a killed build had moved it aside and the output is missing (a swap cut short)', async () => {
    const parent = await tempDir();
    const outDir = path.join(parent, 'site');
    await buildSite({ dataDir: DEFAULT_DATA, outDir });
    await rename(outDir, path.join(parent, stagingName(endedProcessId(), '1-previous')));
    const result = await buildSite({ dataDir: DEFAULT_DATA, outDir });
    // A rebuild of the output put back, not a first build: its pages (and their lastmod) are kept.
    expect([result.written, result.unchanged]).toEqual([0, result.pages]);
    expect(await readdir(parent)).toEqual(['site']);
  });

  it('wait for an output being updated: a stop then removes nothing and says so', async () => {
    const outDir = path.join(await tempDir(), 'site');
    await buildSite({ dataDir: DEFAULT_DATA, outDir });
    const output = await StagedOutput.open(outDir);
    await output.write('new-page/index.html', '<!doctype html><title>New</title>');
    let during: { updatingOutput: boolean } | undefined;
    await output.commit(['{}'], (function* () {
      during = removeOpenStagingNow();
    })());
    expect(during).toEqual({ updatingOutput: true });
    expect(await readFile(path.join(outDir, 'new-page/index.html'), 'utf8')).toContain('<title>New</title>');
    expect(removeOpenStagingNow()).toEqual({ updatingOutput: false });
  });

  it('by Ctrl-C exit with 130, say so, and leave no staging folder and the output as it was', async () => {
    const spec = baseSpec();
    spec.locations = Array.from({ length: 1500 }, (_, index) => ({
      ...spec.locations[0]!, name: `Spec Clinic ${index}`, slug: `clinic-${index}`, telephone: `(308) 555-${String(1000 + (index % 9000)).padStart(4, '0')}`,
    }));
    const dataDir = await writeData(spec);
    const parent = await tempDir();
    const outDir = path.join(parent, 'site');
    await buildSite({ dataDir: DEFAULT_DATA, outDir });
    const before = await snapshotFolder(outDir);
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/clinic-seo.js'), 'build', '--data', dataDir, '--out', outDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Stopped once the build has its staging folder (it loads 1,500 location files after that).
    while (!(await readdir(parent)).some((name) => name.includes('clinic-seo-staging'))) {
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('Stopped (SIGINT). The output folder was left as it was.');
    expect(await readdir(parent)).toEqual(['site']);
    const after = await snapshotFolder(outDir);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of before) expect(after.get(file)!.equals(bytes), file).toBe(true);
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);
});
