import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { LoadProgressMessage, LoadWorkerData } from './load-site.js';
import { storeDataDir, storeShare, type FileProgress, type StoredShare } from './store-data-dir.js';
import { failureError, failureMessage, type WorkerFailure } from './worker-messages.js';

/**
 * A load worker: reads, validates and normalizes its share of a data folder's location files, then reports.
 * Everything it made on the way (file texts, parsed documents, validation results) goes with the thread.
 */
const { dataDir, store, baseUrl, locationFiles, role, reportProgress } = workerData as LoadWorkerData;
const report = 'lead' in role ? role.lead : parentPort!;
/** Location files stored between two progress messages. */
const FILES_PER_PROGRESS_MESSAGE = 100;
/** Every worker tells the main thread how many of its files are done, now and then. */
const progress: FileProgress | undefined = reportProgress
  ? (done, total) => {
    if (done % FILES_PER_PROGRESS_MESSAGE === 0 || done === total) parentPort!.postMessage({ progress: [done, total] } satisfies LoadProgressMessage);
  }
  : undefined;
try {
  if ('lead' in role) {
    const share = await storeShare(dataDir, store, role.part, locationFiles ?? [], baseUrl, progress);
    role.lead.postMessage({ ok: true, share });
  } else {
    const reused = await storeDataDir(dataDir, store, baseUrl, { ...(locationFiles ? { locationFiles } : {}), otherShares: () => Promise.all(role.shares.map(receiveShare)) }, progress);
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
