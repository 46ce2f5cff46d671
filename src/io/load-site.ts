import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Problem } from '../core/problems.js';
import type { SiteModel } from '../core/site-model.js';
import type { LoadedSite } from './site-cache.js';
import { failureError, type WorkerFailure } from './worker-messages.js';

/** From this many location files on, the data is loaded in a worker thread (see loadSite). */
export const LOAD_IN_WORKER_LOCATIONS = 1000;

/**
 * Load, validate and normalize a data folder into the site model. For a large chain this runs in a worker
 * thread: loading makes far more garbage than the model it produces (every file's text, its parsed YAML,
 * the validation results), and a worker's memory is given back whole when it ends, instead of staying in
 * this thread's heap for the rest of the build. The model comes back serialized, as the cache keeps it.
 */
export async function loadSite(dataDir: string, options: { baseUrl?: string; inWorker?: boolean } = {}): Promise<LoadedSite> {
  const inWorker = options.inWorker ?? (await countLocationFiles(dataDir)) >= LOAD_IN_WORKER_LOCATIONS;
  const serialized = inWorker ? await loadInWorker(dataDir, options.baseUrl) : await loadSerialized(dataDir, options.baseUrl);
  const { site, warnings } = deserialize(serialized) as { site: SiteModel; warnings: Problem[] };
  return { site, warnings, serialized };
}

/** Load and serialize the site in this thread: what a load worker does. */
export async function loadSerialized(dataDir: string, baseUrl: string | undefined): Promise<Uint8Array> {
  // Imported only here: the parsers and validators then stay out of a thread that has no use for them.
  const [{ loadDataset }, { normalizeDataset }] = await Promise.all([import('./load-dataset.js'), import('../core/normalize.js')]);
  const { dataset, warnings } = await loadDataset(dataDir);
  return serialize({ site: normalizeDataset(dataset, baseUrl ? { baseUrl } : {}), warnings });
}

/** The worker script: compiled JavaScript, also when the build itself runs from TypeScript sources (tests). */
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../lib/io/load-worker.js', import.meta.url)
  : new URL('./load-worker.js', import.meta.url);

function loadInWorker(dataDir: string, baseUrl: string | undefined): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { dataDir, baseUrl } });
    worker.once('message', (message: { ok: true; serialized: Uint8Array } | WorkerFailure) => {
      if (message.ok) resolve(message.serialized);
      else reject(failureError(message));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the load worker stopped with exit code ${code} before reporting`)));
  });
}

async function countLocationFiles(dataDir: string): Promise<number> {
  const names = await readdir(path.join(dataDir, 'locations')).catch(() => [] as string[]);
  return names.length;
}
