import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { failureError, type WorkerFailure } from './worker-messages.js';
import { listDataFiles } from './read-data-dir.js';
import { collectGarbage } from './collect-garbage.js';
import { readSiteStore } from './read-site-store.js';
import type { FileProgress } from './store-data-dir.js';
import { sourcesPartOf, type StoredSite } from './site-store-format.js';

/** From this many location files on, the data is loaded in a worker thread (see loadSite). */
export const LOAD_IN_WORKER_LOCATIONS = 1000;

/** Where and under which key to store the loaded site. */
export interface StoreTarget {
  file: string;
  key: string;
  /** The key of everything the store comes from but the location files (see StoredSource). */
  sourcesKey: string;
  /** The last build's store, to take the locations of unchanged files from. */
  previous?: string;
}

/**
 * Load, validate and normalize a data folder into a site store (see site-store-format.ts), and read back its index.
 * Location files are read, checked, normalized and stored one at a time. For a large chain this runs in a
 * worker thread: loading makes far more garbage than the index it produces (file texts, parsed YAML,
 * validation results), and a worker's memory is given back whole when it ends.
 *
 * `threads` 0 loads in this thread, and more than one splits the location files between that many workers.
 * By default one worker loads a chain of 1,000 location files or more. More are not the default: each holds
 * its own parser, validator, compiled code and garbage, and every one compiles the same code again. On two
 * cores, 10,000 location files load in 1.75 s with two workers against 1.93 s with one, for 73 MB more at the
 * build's peak; 100,000 files in 14.1 s against 18.5 s, for 137 MB more (585 MB for the load alone).
 */
export async function loadSite(dataDir: string, store: StoreTarget, options: { baseUrl?: string; threads?: number; onProgress?: FileProgress } = {}): Promise<StoredSite> {
  const threads = options.threads ?? ((await countLocationFiles(dataDir)) >= LOAD_IN_WORKER_LOCATIONS ? 1 : 0);
  if (!Number.isInteger(threads) || threads < 0) {
    throw new RangeError(`loadThreads must be a whole number, 0 or more (0 loads in this thread), not ${String(threads)}`);
  }
  let reused: number;
  if (threads > 0) {
    // This thread only waits while workers load: first clear what hashing the data files left behind, and give
    // back the young generation that grew to (134 MB on Node 24 for 100,000 files, which stayed through the load).
    collectGarbage({ giveBack: true });
    const job = { dataDir, store, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), reportProgress: options.onProgress !== undefined };
    reused = await loadInWorkers(job, await shareLocationFiles(dataDir, threads), options.onProgress);
  } else {
    reused = await writeSiteStore(dataDir, store, options.baseUrl, options.onProgress);
  }
  const stored = await readSiteStore(store.file, store.key);
  if (!stored) throw new Error(`the site store ${store.file} cannot be read back`);
  return { ...stored, reusedLocations: reused };
}

async function countLocationFiles(dataDir: string): Promise<number> {
  const names = await readdir(path.join(dataDir, 'locations')).catch(() => [] as string[]);
  return names.length;
}

/**
 * The location files of each of `threads` load workers: contiguous shares of the sorted list, none empty. One
 * worker lists them itself (undefined), so a chain's list is not held in this thread while it loads.
 */
async function shareLocationFiles(dataDir: string, threads: number): Promise<(string[] | undefined)[]> {
  if (threads === 1) return [undefined];
  const files = (await listDataFiles(dataDir)).locations;
  const count = Math.max(1, Math.min(threads, files.length));
  return Array.from({ length: count }, (_, index) => files.slice(Math.floor((index * files.length) / count), Math.floor(((index + 1) * files.length) / count)));
}

/** Load the data folder into a store file, in this thread; how many location records were reused. */
async function writeSiteStore(dataDir: string, store: StoreTarget, baseUrl: string | undefined, progress: FileProgress | undefined): Promise<number> {
  // Imported only here: the parsers and validators then stay out of a thread that has no use for them.
  const { storeDataDir } = await import('./store-data-dir.js');
  return storeDataDir(dataDir, store, baseUrl, undefined, progress);
}

/**
 * What a load worker is given: the first writes the store and is sent the other workers' shares on `shares`;
 * each other one stores its records in `part` and sends the rest of its share to `lead`.
 */
export interface LoadWorkerData {
  dataDir: string;
  store: StoreTarget;
  baseUrl?: string;
  /** This worker's share of the location files; all of them when absent. */
  locationFiles?: string[];
  role: { shares: MessagePort[] } | { part: string; lead: MessagePort };
  /** Whether to post LoadProgressMessages to the main thread. */
  reportProgress: boolean;
}

/** A load worker's files done and files in all, posted to the main thread every so many files and at the end. */
export interface LoadProgressMessage {
  progress: [done: number, total: number];
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

/**
 * Load in one worker per share of the location files. The first writes the store: once its own share is stored,
 * it takes in the others' (their records from part files beside the store, the rest by message) in file order.
 * Settled once every worker has ended and its memory is given back, before the index is read.
 */
async function loadInWorkers(job: Omit<LoadWorkerData, 'locationFiles' | 'role'>, shares: (string[] | undefined)[], onProgress: FileProgress | undefined): Promise<number> {
  const channels = shares.slice(1).map(() => new MessageChannel());
  const parts = channels.map((_, index) => `${job.store.file}.part-${index + 1}`);
  const workers: Worker[] = [];
  /** Files done and in all, by worker: the sum is told once every worker has said how many files it has. */
  const counts: ([number, number] | undefined)[] = shares.map(() => undefined);
  const start = (data: LoadWorkerData, transferList: MessagePort[]) => {
    const worker = new Worker(WORKER, { workerData: data, transferList, resourceLimits: LOAD_WORKER_LIMITS });
    const index = workers.push(worker) - 1;
    if (onProgress) {
      worker.on('message', (message: Partial<LoadProgressMessage>) => {
        if (!message.progress) return;
        counts[index] = message.progress;
        if (counts.every((count) => count !== undefined)) onProgress(...counts.reduce(([done, total], [workerDone, workerTotal]) => [done + workerDone, total + workerTotal], [0, 0]));
      });
    }
    return worker;
  };
  try {
    return await new Promise<number>((resolve, reject) => {
      const lead = start({ ...job, ...(shares[0] ? { locationFiles: shares[0] } : {}), role: { shares: channels.map((channel) => channel.port2) } }, channels.map((channel) => channel.port2));
      lead.on('message', (message: { ok: true; reused: number } | WorkerFailure | LoadProgressMessage) => {
        if ('progress' in message) return;
        if (message.ok) resolve(message.reused);
        else reject(failureError(message));
      });
      channels.forEach((channel, index) =>
        start({ ...job, locationFiles: shares[index + 1] ?? [], role: { part: parts[index]!, lead: channel.port1 } }, [channel.port1]));
      for (const worker of workers) {
        worker.once('error', reject);
        // Every worker ends by itself once it has reported (its message comes before its exit); the first one
        // ending before it has reported, or any ending with an error, is a failure.
        worker.once('exit', (code) => {
          if (code !== 0 || worker === lead) reject(new Error(`a load worker stopped with exit code ${code} before reporting`));
        });
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
    await Promise.all(parts.flatMap((part) => [part, sourcesPartOf(part)]).map((file) => rm(file, { force: true })));
  }
}
