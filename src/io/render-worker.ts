import { parentPort, workerData } from 'node:worker_threads';
import { locationRenderer, type LocationBatch, type LocationRendererSetup } from './render-pages.js';
import { failureMessage } from './worker-messages.js';

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
  port.postMessage(failureMessage(error));
}
