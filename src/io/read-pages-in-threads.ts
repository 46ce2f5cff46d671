import { Worker } from 'node:worker_threads';
import { sharePage, type AuditPage } from '../core/check/snapshot.js';
import type { SharedValues } from '../core/check/shared-values.js';
import { failureError, type WorkerFailure } from './worker-messages.js';

/** What every page reader is given. */
export interface ReadPagesSetup {
  dir: string;
  baseUrl: string;
  /** See PageContext. */
  localBusinessTypes: string[];
}

/** HTML files for a page reader to parse, from place `start` in the list of the folder's pages. */
export interface PageBatch {
  start: number;
  files: string[];
}

type Answer = { ok: true; start: number; pages: AuditPage[] } | WorkerFailure;

/** The worker script: compiled JavaScript, also when `check` itself runs from TypeScript sources (tests). */
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../lib/io/read-pages-worker.js', import.meta.url)
  : new URL('./read-pages-worker.js', import.meta.url);

/** Pages a worker parses per message: few enough to keep its heap small, enough that messages cost little. */
const PAGES_PER_BATCH = 100;
/** Batches each worker may have queued: one parsing, one waiting. */
const QUEUED_PER_WORKER = 2;

/**
 * Read and parse HTML files in `threads` worker threads, in batches, and give the pages in the order of `files`.
 * Parsing makes garbage some thirty times a page's size (its document); in a worker it never mixes with what
 * this thread keeps of every page. At 11,073 pages, `check` took 19.6 s and peaked at 627 MiB parsing in this
 * thread, and 14.6 s and 427 MiB with two workers; at 110,073 pages, 243 s and 3.1 GiB against 153 s and 1.9 GiB.
 */
export async function readPagesInThreads(setup: ReadPagesSetup, files: readonly string[], options: { threads: number; pagesPerBatch?: number | undefined }, shared: SharedValues, onPage?: () => void): Promise<AuditPage[]> {
  const { threads, pagesPerBatch = PAGES_PER_BATCH } = options;
  const pages = new Array<AuditPage>(files.length);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const start = () => {
        const worker = new Worker(WORKER, { workerData: setup });
        workers.push(worker);
        running++;
        let waiting = 0;
        const send = () => {
          while (waiting < QUEUED_PER_WORKER && next < files.length) {
            worker.postMessage({ start: next, files: files.slice(next, next + pagesPerBatch) } satisfies PageBatch);
            next += pagesPerBatch;
            waiting++;
          }
          if (waiting === 0 && --running === 0) resolve();
        };
        worker.on('message', (answer: Answer) => {
          // Anything thrown here (by onPage, say) would escape as an uncaught exception: it rejects instead.
          try {
            if (!answer.ok) throw failureError(answer);
            answer.pages.forEach((page, index) => {
              pages[answer.start + index] = sharePage(page, shared);
              onPage?.();
            });
            waiting--;
            send();
          } catch (error) {
            reject(error as Error);
          }
        });
        // A batch this thread cannot take in (a copy of it overflowed the stack, say) must not leave the read waiting.
        worker.on('messageerror', reject);
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`a page reader stopped with exit code ${code} before its work was done`)));
        send();
      };
      for (let thread = 0; thread < Math.min(threads, Math.ceil(files.length / pagesPerBatch)); thread++) start();
      if (running === 0) resolve();
    });
  } finally {
    for (const worker of workers) worker.removeAllListeners('exit');
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return pages;
}
