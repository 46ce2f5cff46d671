import { Worker } from 'node:worker_threads';
import { UserError, type Problem } from '../core/problems.js';
import { renderPages, type RenderedPage, type RenderJob, type RenderTimings } from './render-pages.js';

/**
 * Render pages with `threads` worker threads (1: in this thread). Pages are dealt round-robin so every worker
 * gets a fair mix, and results come back in page order: the output does not depend on the number of threads.
 */
export async function renderInThreads(
  job: RenderJob,
  threads: number,
  inWorkers = threads > 1,
): Promise<{ pages: RenderedPage[]; timings: RenderTimings }> {
  const count = inWorkers ? Math.max(1, Math.min(threads, job.pages.length)) : 1;
  const jobs: RenderJob[] = Array.from({ length: count }, (_, shard) => {
    const pages = job.pages.filter((_, index) => index % count === shard);
    return { ...job, pages, previous: Object.fromEntries(pages.flatMap((page) => (page.file in job.previous ? [[page.file, job.previous[page.file] ?? null]] : []))) };
  });
  // A worker's heap is capped (the site model, the shared nodes and room to work), so V8 collects garbage as it
  // goes instead of letting the heap grow with the number of pages.
  const heapMb = 160 + Math.ceil((4 * JSON.stringify(job.site).length) / 1e6);
  const results = inWorkers ? await runWorkers(jobs, heapMb) : [await renderPages({ ...job, pages: job.pages })];
  const timings: RenderTimings = { plan: 0, render: 0, write: 0 };
  for (const result of results) for (const key of Object.keys(timings) as (keyof RenderTimings)[]) timings[key] += result.timings[key];
  const ordered: RenderedPage[] = [];
  for (let index = 0; index < job.pages.length; index++) ordered.push(results[index % results.length]!.pages[Math.floor(index / results.length)]!);
  return { pages: ordered, timings };
}

/** The worker script: compiled JavaScript, also when the build itself runs from TypeScript sources (tests). */
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../lib/io/render-worker.js', import.meta.url)
  : new URL('./render-worker.js', import.meta.url);

/** Run one worker per job; when one fails, stop the others at once so nothing more is written. */
async function runWorkers(jobs: RenderJob[], heapMb: number): Promise<{ pages: RenderedPage[]; timings: RenderTimings }[]> {
  const workers: Worker[] = [];
  try {
    return await Promise.all(jobs.map((job) => runWorker(job, heapMb, workers)));
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
}

function runWorker(job: RenderJob, heapMb: number, workers: Worker[]): Promise<{ pages: RenderedPage[]; timings: RenderTimings }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 48 } });
    workers.push(worker);
    worker.once('message', (message: { ok: true; pages: RenderedPage[]; timings: RenderTimings } | { ok: false; problems?: Problem[]; message?: string; stack?: string }) => {
      if (message.ok) resolve(message);
      else if (message.problems) reject(new UserError(message.problems));
      else reject(Object.assign(new Error(message.message), { stack: message.stack }));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a render worker stopped with exit code ${code} before reporting`)));
  });
}
