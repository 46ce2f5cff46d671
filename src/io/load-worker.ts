import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { LoadWorkerData } from './load-site.js';
import { storeDataDir, storeShare, type StoredShare } from './store-data-dir.js';
import { failureError, failureMessage, type WorkerFailure } from './worker-messages.js';

/**
 * A load worker: reads, validates and normalizes its share of a data folder's location files, then reports.
 * Everything it made on the way (file texts, parsed documents, validation results) goes with the thread.
 */
const { dataDir, store, baseUrl, locationFiles, role } = workerData as LoadWorkerData;
const report = 'lead' in role ? role.lead : parentPort!;
try {
  if ('lead' in role) {
    const share = await storeShare(dataDir, store, role.part, locationFiles ?? [], baseUrl);
    role.lead.postMessage({ ok: true, share });
  } else {
    const reused = await storeDataDir(dataDir, store, baseUrl, { ...(locationFiles ? { locationFiles } : {}), otherShares: () => Promise.all(role.shares.map(receiveShare)) });
    parentPort!.postMessage({ ok: true, reused });
  }
} catch (error) {
  report.postMessage(failureMessage(error));
}

function receiveShare(port: MessagePort): Promise<StoredShare> {
  return new Promise((resolve, reject) => {
    port.once('message', (message: { ok: true; share: StoredShare } | WorkerFailure) => {
      port.close();
      if (message.ok) resolve(message.share);
      else reject(failureError(message));
    });
  });
}
