import { parentPort, workerData } from 'node:worker_threads';
import { loadSerialized } from './load-site.js';
import { failureMessage } from './worker-messages.js';

/**
 * A load worker: reads, validates and normalizes a data folder and hands back the serialized site model
 * and warnings. Everything else it made (file texts, parsed documents, validation results) goes with the thread.
 */
const { dataDir, baseUrl } = workerData as { dataDir: string; baseUrl?: string };
try {
  const serialized = await loadSerialized(dataDir, baseUrl);
  // Handed over, not copied.
  parentPort!.postMessage({ ok: true, serialized }, [serialized.buffer as ArrayBuffer]);
} catch (error) {
  parentPort!.postMessage(failureMessage(error));
}
