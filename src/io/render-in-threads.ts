import { Worker } from 'node:worker_threads';
import { UserError, type Problem } from '../core/problems.js';
import type { PageDescriptor } from '../core/plan-pages.js';
import { renderPages, type RenderedPage, type RenderJob, type RenderTimings } from './render-pages.js';

type Shared = Omit<RenderJob, 'pages' | 'previous'>;

/**
 * Render every page with `threads` worker threads (1: in this thread). Pages are dealt round-robin, so every
 * worker gets a fair mix, and the results come back in page order: the output does not depend on the threads.
 */
export async function renderInThreads(
  shared: Shared,
  pages: PageDescriptor[],
  previous: (file: string) => { view?: string; hash: string } | undefined,
  fileOf: (page: PageDescriptor) => string,
  threads: number,
): Promise<{ pages: RenderedPage[]; timings: RenderTimings }> {
  const shards = Array.from({ length: Math.max(1, threads) }, (_, shard) => pages.filter((_, index) => index % threads === shard));
  const jobs: RenderJob[] = shards.map((shard) => ({
    ...shared,
    pages: shard,
    previous: Object.fromEntries(shard.flatMap((page) => {
      const entry = previous(fileOf(page));
      return entry ? [[fileOf(page), entry]] : [];
    })),
  }));
  const results = threads <= 1 ? [await renderPages(jobs[0]!)] : await Promise.all(jobs.map(runWorker));
  const timings: RenderTimings = { plan: 0, render: 0, write: 0 };
  for (const result of results) for (const key of Object.keys(timings) as (keyof RenderTimings)[]) timings[key] += result.timings[key];
  const ordered: RenderedPage[] = [];
  for (let index = 0; index < pages.length; index++) ordered.push(results[index % results.length]!.pages[Math.floor(index / results.length)]!);
  return { pages: ordered, timings };
}

/** The worker script: compiled JavaScript, also when the build itself runs from TypeScript sources (tests). */
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../lib/io/render-worker.js', import.meta.url)
  : new URL('./render-worker.js', import.meta.url);

function runWorker(job: RenderJob): Promise<{ pages: RenderedPage[]; timings: RenderTimings }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: job });
    worker.once('message', (message: { ok: true; pages: RenderedPage[]; timings: RenderTimings } | { ok: false; problems?: Problem[]; message?: string; stack?: string }) => {
      if (message.ok) resolve(message);
      else if (message.problems) reject(new UserError(message.problems));
      else reject(Object.assign(new Error(message.message), { stack: message.stack }));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a render worker stopped with exit code ${code}`));
    });
  });
}
