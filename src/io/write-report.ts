import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheckResult } from '../check.js';

/** Placeholder until the HTML report lands. */
export async function writeReport(dir: string, result: CheckResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'index.html');
  await writeFile(file, JSON.stringify(result.counts));
  return file;
}
