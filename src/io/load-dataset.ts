import path from 'node:path';
import { auditDataset } from '../core/audit-dataset.js';
import { sortProblems, UserError, type Problem } from '../core/problems.js';
import { validateDataset, type Dataset } from '../core/validate-dataset.js';
import { readDataDir } from './read-data-dir.js';

/** Read and validate a data folder. Throws a UserError listing every problem; returns the warnings. */
export async function loadDataset(dataDir: string): Promise<{ dataset: Dataset; warnings: Problem[] }> {
  const { sources, problems: readProblems, fatal } = await readDataDir(dataDir);
  if (fatal) throw new UserError(readProblems);
  const siteFile = path.join(path.relative(process.cwd(), dataDir) || '.', 'site.yaml');
  const { dataset, problems } = validateDataset(sources, siteFile);
  const all = [...readProblems, ...problems];
  if (!dataset || all.some((problem) => problem.severity === 'error')) throw new UserError(all);
  return { dataset, warnings: sortProblems([...all, ...auditDataset(dataset)]) };
}
