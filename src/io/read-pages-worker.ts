import { parentPort, workerData } from 'node:worker_threads';
import { sharedValues } from '../core/check/shared-values.js';
import type { PageBatch, ReadPagesSetup } from './read-pages-in-threads.js';
import { parsePageFile, readPageFile } from './read-page-file.js';
import { failureMessage } from './worker-messages.js';

/**
 * A page reader for `check`: reads and parses each batch of HTML files it is sent, and answers with the audit
 * pages (or with the error). Nodes and links are shared within a batch only, so a batch's message copies a node
 * its pages repeat once; the main thread shares them across the site (see sharePage).
 */
const { dir, baseUrl, localBusinessTypes } = workerData as ReadPagesSetup;
const context = { baseUrl, localBusinessTypes: new Set(localBusinessTypes) };
const port = parentPort!;
port.on('message', ({ start, files }: PageBatch) => {
  try {
    const shared = sharedValues();
    port.postMessage({ ok: true, start, pages: files.map((file) => parsePageFile(dir, file, readPageFile(dir, file), context, shared)) });
  } catch (error) {
    port.postMessage(failureMessage(error));
  }
});
