import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { failureError, type WorkerFailure } from './worker-messages.js';
import { collectGarbage } from './collect-garbage.js';
import { readSiteStore, type StoredSite } from './site-store.js';

/** From this many location files on, the data is loaded in a worker thread (see loadSite). */
export const LOAD_IN_WORKER_LOCATIONS = 1000;

/** Where and under which key to store the loaded site. */
export interface StoreTarget {
  file: string;
  key: string;
}

/**
 * Load, validate and normalize a data folder into a site store (see site-store.ts), and read back its index.
 * Location files are read, checked, normalized and stored one at a time. For a large chain this runs in a
 * worker thread: loading makes far more garbage than the index it produces (file texts, parsed YAML,
 * validation results), and a worker's memory is given back whole when it ends.
 */
export async function loadSite(dataDir: string, store: StoreTarget, options: { baseUrl?: string; inWorker?: boolean } = {}): Promise<StoredSite> {
  const inWorker = options.inWorker ?? (await countLocationFiles(dataDir)) >= LOAD_IN_WORKER_LOCATIONS;
  if (inWorker) {
    // This thread only waits while a worker loads: first clear what hashing the data files left behind.
    collectGarbage();
    await loadInWorker(dataDir, store, options.baseUrl);
  } else {
    await writeSiteStore(dataDir, store, options.baseUrl);
  }
  const stored = await readSiteStore(store.file, store.key);
  if (!stored) throw new Error(`the site store ${store.file} cannot be read back`);
  // The index is read; what reading it made is garbage, and the young generation it grew goes back (Node 22+).
  if (inWorker) collectGarbage({ giveBack: true });
  return stored;
}

/** Load the data folder into a store file, in this thread: what a load worker does. */
export async function writeSiteStore(dataDir: string, store: StoreTarget, baseUrl: string | undefined): Promise<void> {
  // Imported only here: the parsers and validators then stay out of a thread that has no use for them.
  const { storeDataDir } = await import('./store-data-dir.js');
  await storeDataDir(dataDir, store, baseUrl);
}

/** The worker script: compiled JavaScript, also when the build itself runs from TypeScript sources (tests). */
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../lib/io/load-worker.js', import.meta.url)
  : new URL('./load-worker.js', import.meta.url);

/**
 * The load worker's young generation is capped at about Node 20's default. Node 24 (V8 13) let it grow to 134 MB
 * while parsing a large chain: 10,000 location files loaded in 1.60 to 1.69 s with the cap against 1.76 to 1.78 s
 * without, and the build's peak RSS was 316 to 326 MB instead of 331 to 350 MB. Node 20 is the same either way.
 */
const LOAD_WORKER_LIMITS = { maxYoungGenerationSizeMb: 32 };

function loadInWorker(dataDir: string, store: StoreTarget, baseUrl: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { dataDir, store, baseUrl }, resourceLimits: LOAD_WORKER_LIMITS });
    worker.once('message', (message: { ok: true } | WorkerFailure) => {
      worker.removeAllListeners('exit');
      // Settled once the worker has ended and its memory is given back, before the index is read.
      void worker.terminate().then(() => (message.ok ? resolve() : reject(failureError(message))));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the load worker stopped with exit code ${code} before reporting`)));
  });
}

async function countLocationFiles(dataDir: string): Promise<number> {
  const names = await readdir(path.join(dataDir, 'locations')).catch(() => [] as string[]);
  return names.length;
}
