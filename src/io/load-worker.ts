import { parentPort, workerData } from 'node:worker_threads';
import { normalizeDataset } from '../core/normalize.js';
import { UserError } from '../core/problems.js';
import { loadDataset } from './load-dataset.js';

/**
 * A load worker: reads, validates and normalizes a data folder and sends back the site model and the
 * warnings. Everything else it made (file texts, parsed documents, validation results) goes with the thread.
 */
const { dataDir, baseUrl } = workerData as { dataDir: string; baseUrl?: string };
try {
  const { dataset, warnings } = await loadDataset(dataDir);
  parentPort!.postMessage({ ok: true, site: normalizeDataset(dataset, baseUrl ? { baseUrl } : {}), warnings });
} catch (error) {
  parentPort!.postMessage(
    error instanceof UserError
      ? { ok: false, problems: error.problems }
      : { ok: false, message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack },
  );
}
