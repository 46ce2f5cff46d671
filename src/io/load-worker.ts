import { parentPort, workerData } from 'node:worker_threads';
import { writeSiteStore, type StoreTarget } from './load-site.js';
import { failureMessage } from './worker-messages.js';

/**
 * A load worker: reads, validates and normalizes a data folder into a site store file, then reports. Everything
 * it made on the way (file texts, parsed documents, validation results) goes with the thread.
 */
const { dataDir, store, baseUrl } = workerData as { dataDir: string; store: StoreTarget; baseUrl?: string };
try {
  await writeSiteStore(dataDir, store, baseUrl);
  parentPort!.postMessage({ ok: true });
} catch (error) {
  parentPort!.postMessage(failureMessage(error));
}
