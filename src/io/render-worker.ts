import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../core/problems.js';
import { renderPages, type RenderJob } from './render-pages.js';

/** A worker thread: renders its share of the pages and reports back, or reports the error. */
try {
  parentPort!.postMessage({ ok: true, ...(await renderPages(workerData as RenderJob)) });
} catch (error) {
  parentPort!.postMessage(
    error instanceof UserError
      ? { ok: false, problems: error.problems }
      : { ok: false, message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack },
  );
}
