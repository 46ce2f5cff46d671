import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../src/build.js';
import { DEFAULT_DATA, ROOT, snapshotFolder, tempDir } from './helpers/build.js';
import { baseSpec, writeData } from './helpers/write-data.js';

/** The id of a process that has ended. */
function endedProcessId(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('builds that were stopped', () => {
  it('leave staging folders that the next build into the same output removes, once their process is gone', async () => {
    const parent = await tempDir();
    const outDir = path.join(parent, 'site');
    await buildSite({ dataDir: DEFAULT_DATA, outDir });
    const dead = endedProcessId();
    const abandoned = [`.site.clinic-seo-staging-${dead}-1`, `.site.clinic-seo-staging-${dead}-2-previous`];
    const running = `.site.clinic-seo-staging-${process.pid}-999`;
    const otherOutput = `.other.clinic-seo-staging-${dead}-1`;
    for (const name of [...abandoned, running, otherOutput]) {
      await mkdir(path.join(parent, name, 'locations'), { recursive: true });
      await writeFile(path.join(parent, name, 'locations/index.html'), 'half written');
    }
    await buildSite({ dataDir: DEFAULT_DATA, outDir });
    expect((await readdir(parent)).sort()).toEqual([otherOutput, running, 'site'].sort());
  });

  it('keep the last output moved aside when the output itself is missing (a swap cut short)', async () => {
    const parent = await tempDir();
    const outDir = path.join(parent, 'site');
    const previous = `.site.clinic-seo-staging-${endedProcessId()}-1-previous`;
    await mkdir(path.join(parent, previous));
    await writeFile(path.join(parent, previous, 'index.html'), 'the only copy of the site');
    await buildSite({ dataDir: DEFAULT_DATA, outDir });
    expect((await readdir(parent)).sort()).toEqual([previous, 'site'].sort());
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
