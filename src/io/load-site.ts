import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { UserError, type Problem } from '../core/problems.js';
import type { SiteModel } from '../core/site-model.js';

/** From this many location files on, the data is loaded in a worker thread (see loadSite). */
export const LOAD_IN_WORKER_LOCATIONS = 1000;

/**
 * Load, validate and normalize a data folder into the site model. For a large chain this runs in a worker
 * thread: loading makes far more garbage than the model it produces (every file's text, its parsed YAML,
 * the validation results), and a worker's memory is given back whole when it ends, instead of staying in
 * this thread's heap for the rest of the build.
 */
export async function loadSite(dataDir: string, options: { baseUrl?: string; inWorker?: boolean } = {}): Promise<{ site: SiteModel; warnings: Problem[] }> {
  const inWorker = options.inWorker ?? (await countLocationFiles(dataDir)) >= LOAD_IN_WORKER_LOCATIONS;
  if (!inWorker) {
    // Imported only here: the parsers and validators then stay out of a thread that has no use for them.
    const [{ loadDataset }, { normalizeDataset }] = await Promise.all([import('./load-dataset.js'), import('../core/normalize.js')]);
    const { dataset, warnings } = await loadDataset(dataDir);
    return { site: normalizeDataset(dataset, options.baseUrl ? { baseUrl: options.baseUrl } : {}), warnings };
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { dataDir, baseUrl: options.baseUrl } });
    worker.once('message', (message: { ok: true; site: SiteModel; warnings: Problem[] } | { ok: false; problems?: Problem[]; message?: string; stack?: string }) => {
      if (message.ok) resolve({ site: message.site, warnings: message.warnings });
      else if (message.problems) reject(new UserError(message.problems));
      else reject(Object.assign(new Error(message.message), { stack: message.stack }));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the load worker stopped with exit code ${code} before reporting`)));
  });
}

/** The worker script: compiled JavaScript, also when the build itself runs from TypeScript sources (tests). */
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../lib/io/load-worker.js', import.meta.url)
  : new URL('./load-worker.js', import.meta.url);

async function countLocationFiles(dataDir: string): Promise<number> {
  const names = await readdir(path.join(dataDir, 'locations')).catch(() => [] as string[]);
  return names.length;
}
