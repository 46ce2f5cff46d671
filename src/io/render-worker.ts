import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../core/problems.js';
import { locationRenderer, type LocationBatch, type LocationRendererSetup } from './render-pages.js';

/**
 * A render worker: set up once from workerData, then renders each batch of location pages it is sent and
 * answers with what became of each page (or with the error), in the order the batches came.
 */
const port = parentPort!;
try {
  const renderer = await locationRenderer(workerData as LocationRendererSetup);
  port.on('message', (batch: LocationBatch) => {
    try {
      port.postMessage({ ok: true, pages: renderer.render(batch), timings: renderer.timings });
    } catch (error) {
      report(error);
    }
  });
} catch (error) {
  report(error);
}

function report(error: unknown): void {
  port.postMessage(
    error instanceof UserError
      ? { ok: false, problems: error.problems }
      : { ok: false, message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack },
  );
}
