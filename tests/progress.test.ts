import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../src/build.js';
import { runCli } from '../src/cli.js';
import { throttledProgress, type BuildProgress, type BuildStage } from '../src/io/build-progress.js';
import { buildProgressOn, progressBar } from '../src/io/progress-bar.js';
import { DEFAULT_DATA, FIXTURES, tempDir } from './helpers/build.js';

const MULTI = path.join(FIXTURES, 'multi-location');
const MULTI_LOCATION_FILES = 5;

/** A stream that says it is a terminal, and keeps what is written to it. */
class FakeTerminal extends Writable {
  readonly isTTY = true;
  readonly columns = 120;
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** The reports of each stage, in the order the stages came. */
function byStage(reports: BuildProgress[]): Map<BuildStage, BuildProgress[]> {
  const stages = new Map<BuildStage, BuildProgress[]>();
  for (const report of reports) stages.set(report.stage, [...(stages.get(report.stage) ?? []), report]);
  return stages;
}

/** Each stage comes once, its counts never go back, and it ends with all of its items done. */
function expectWellFormed(reports: BuildProgress[]): void {
  const order = reports.map((report) => report.stage).filter((stage, index, all) => stage !== all[index - 1]);
  expect(new Set(order).size).toBe(order.length);
  for (const [stage, list] of byStage(reports)) {
    for (let index = 1; index < list.length; index++) expect(list[index]!.done, stage).toBeGreaterThanOrEqual(list[index - 1]!.done);
    const last = list.at(-1)!;
    expect(last.done, stage).toBe(last.total);
  }
}

describe('build progress', () => {
  it('is reported for each stage: location files loaded, then pages rendered, listed in the sitemaps and recorded', async () => {
    for (const loadThreads of [0, 3]) {
      const reports: BuildProgress[] = [];
      const result = await buildSite({ dataDir: MULTI, outDir: path.join(await tempDir(), 'out'), loadThreads, threads: 2, pagesPerBatch: 2, onProgress: (report) => reports.push(report) });
      expectWellFormed(reports);
      const stages = byStage(reports);
      expect([...stages.keys()], `loadThreads ${loadThreads}`).toEqual(['load', 'render', 'sitemap', 'commit']);
      expect(stages.get('load')!.at(-1)).toEqual({ stage: 'load', done: MULTI_LOCATION_FILES, total: MULTI_LOCATION_FILES });
      for (const stage of ['render', 'sitemap', 'commit'] as const) expect(stages.get(stage)!.at(-1)!.total).toBe(result.pages);
      expect(stages.get('render')![0]!.done).toBe(0);
    }
  });

  it('has no load stage when the last build’s site store is taken as it is, counts kept pages as done, and reports the update in place', async () => {
    const outDir = path.join(await tempDir(), 'out');
    await buildSite({ dataDir: MULTI, outDir });
    const reports: BuildProgress[] = [];
    const result = await buildSite({ dataDir: MULTI, outDir, onProgress: (report) => reports.push(report) });
    expect(result.written).toBe(0);
    expectWellFormed(reports);
    // Updated in place: the pages written (none here) are moved in as the pages are walked once more.
    expect([...byStage(reports).keys()]).toEqual(['render', 'sitemap', 'commit', 'update']);
    expect(byStage(reports).get('update')!.at(-1)).toEqual({ stage: 'update', done: result.pages, total: result.pages });
    expect(byStage(reports).get('render')!.at(-1)).toEqual({ stage: 'render', done: result.pages, total: result.pages });
  });

  it('is passed on at each stage’s start and end, otherwise at most every 50 ms, and never backwards', () => {
    const passed: BuildProgress[] = [];
    const listener = throttledProgress((report) => passed.push(report))!;
    for (let done = 0; done <= 1000; done++) listener({ stage: 'render', done, total: 1000 });
    listener({ stage: 'render', done: 10, total: 1000 });
    listener({ stage: 'sitemap', done: 0, total: 1000 });
    // A thousand reports take far less than 50 ms here; a slow machine may pass on a few more in between.
    expect(passed[0]).toEqual({ stage: 'render', done: 0, total: 1000 });
    expect(passed.filter((report) => report.stage === 'render').at(-1)).toEqual({ stage: 'render', done: 1000, total: 1000 });
    expect(passed.at(-1)).toEqual({ stage: 'sitemap', done: 0, total: 1000 });
    expect(passed.length).toBeLessThan(20);
    expect(throttledProgress(undefined)).toBeUndefined();
  });
});

describe('the progress bar', () => {
  it('shows the stage, the count and the share done on a terminal, and takes itself off when stopped', () => {
    const terminal = new FakeTerminal();
    const bar = progressBar(terminal, { delayMs: 0 });
    const onProgress = buildProgressOn(bar);
    onProgress({ stage: 'load', done: 3, total: 10 });
    expect(terminal.text).toMatch(/Loading location files +\[[^\]]+\] 30% \| 3\/10 \|/);
    onProgress({ stage: 'render', done: 0, total: 110 });
    expect(terminal.text).toMatch(/Rendering pages +\[[^\]]+\] 0% \| 0\/110 \|/);
    const before = terminal.text.length;
    bar.stop();
    // Cleared: the line is erased (ESC [ 2 K or ESC [ 0 K after moving to its start).
    expect(terminal.text.slice(before)).toMatch(/\x1b\[\d*K/);
    const after = terminal.text.length;
    onProgress({ stage: 'render', done: 50, total: 110 });
    expect(terminal.text.length).toBe(after);
  });

  it('stays hidden while the command is younger than its delay', () => {
    const terminal = new FakeTerminal();
    const bar = progressBar(terminal, { delayMs: 60_000 });
    bar.update('Loading location files', 3, 10);
    bar.update('Rendering pages', 5, 10);
    bar.stop();
    expect(terminal.text).toBe('');
  });

  it('is shown by `clinic-seo build` on a terminal, not with --no-progress, and never mixed into stdout', async () => {
    for (const flags of [[], ['--no-progress']]) {
      const terminal = new FakeTerminal();
      let stdout = '';
      const code = await runCli(['build', '--data', DEFAULT_DATA, '--out', path.join(await tempDir(), 'site'), ...flags], {
        stdout: (text) => (stdout += text),
        stderr: () => {},
        progress: { stream: terminal, delayMs: 0 },
      });
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Built 16 pages /);
      if (flags.length === 0) {
        expect(terminal.text).toContain('Loading location files');
        expect(terminal.text).toMatch(/Rendering pages|Writing the sitemaps|Writing the manifest/);
      } else {
        expect(terminal.text).toBe('');
      }
    }
  });

  it('is shown by `clinic-seo check` while it reads the pages, not with --no-progress', async () => {
    const site = path.join(await tempDir(), 'site');
    await buildSite({ dataDir: DEFAULT_DATA, outDir: site });
    for (const flags of [[], ['--no-progress']]) {
      const terminal = new FakeTerminal();
      let stdout = '';
      const code = await runCli(['check', site, ...flags], { stdout: (text) => (stdout += text), stderr: () => {}, progress: { stream: terminal, delayMs: 0 } });
      expect(code).toBe(0);
      expect(stdout).toMatch(/Checked 16 pages/);
      if (flags.length === 0) {
        expect(terminal.text).toMatch(/Reading pages +\[[^\]]+\] \d+% \| \d+\/16 \|/);
        expect(terminal.text).toMatch(/Checking the rules +\[[^\]]+\] \d+% \| \d\/7 \|/);
      } else {
        expect(terminal.text).toBe('');
      }
    }
  });
});
