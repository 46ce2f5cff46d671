import { cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { FIXTURES, tempDir } from './helpers/build.js';

/**
 * One case per validation rule (see tests/fixtures/invalid/README.md): each case's files are laid over a
 * valid base data set, and the build must print exactly the lines in its expected.txt.
 * Run with UPDATE_INVALID_CORPUS=1 to write expected.txt files for new cases (then read every one).
 */
const CORPUS = path.join(FIXTURES, 'invalid');
const cases = (await readdir(CORPUS, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory() && entry.name !== '_base')
  .map((entry) => entry.name)
  .sort();

async function runCase(name: string): Promise<string> {
  const dataDir = path.join(await tempDir(), 'data');
  await cp(path.join(CORPUS, '_base'), dataDir, { recursive: true });
  const caseDir = path.join(CORPUS, name);
  const remove = await readFile(path.join(caseDir, 'REMOVE'), 'utf8').catch(() => '');
  for (const file of remove.split('\n').filter(Boolean)) await rm(path.join(dataDir, file), { recursive: true, force: true });
  for (const entry of await readdir(caseDir)) {
    if (entry === 'expected.txt' || entry === 'REMOVE') continue;
    await cp(path.join(caseDir, entry), path.join(dataDir, entry), { recursive: true, force: true });
  }
  let stderr = '';
  const code = await runCli(['build', '--data', dataDir, '--out', path.join(await tempDir(), 'out')], {
    stdout: () => {},
    stderr: (text) => (stderr += text),
  });
  const shown = path.relative(process.cwd(), dataDir);
  const lines = stderr
    .split('\n')
    .filter((line) => /^(error|warning): /.test(line))
    .map((line) => line.split(shown).join('DATA'));
  return [`exit ${code}`, ...lines].join('\n') + '\n';
}

describe('invalid input corpus', () => {
  it('has one case per rule', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
  });

  it.each(cases)('%s', async (name) => {
    const actual = await runCase(name);
    const expectedFile = path.join(CORPUS, name, 'expected.txt');
    if (process.env.UPDATE_INVALID_CORPUS && !(await stat(expectedFile).catch(() => undefined))) {
      await writeFile(expectedFile, actual);
    }
    expect(actual).toBe(await readFile(expectedFile, 'utf8'));
  });
});
