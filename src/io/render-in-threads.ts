import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { holdV8Flag, holdYoungGenerationSize, holdYoungGenerationStart, reapplyHeldV8Flags } from './v8-flags.js';
import {
  locationRenderer,
  type LocationBatch,
  type LocationRendererSetup,
  type RenderedPage,
  type RenderTimings,
} from './render-pages.js';
import { failureError, type WorkerFailure } from './worker-messages.js';

/** Renders batches of location pages, in this thread or in worker threads. */
export interface LocationRenderPool {
  /** Resolves when the pool has room for another batch. */
  ready(): Promise<void>;
  render(batch: LocationBatch): Promise<RenderedPage[]>;
  /** Stop the workers; the time each step took, summed over threads. */
  close(): Promise<RenderTimings>;
}

/** Batches each worker may have queued: one rendering, one waiting, so no worker waits for the next. */
const QUEUED_PER_WORKER = 2;

/**
 * A pool of `workers` worker threads, or for 0, a renderer in this thread with the same code. Workers have
 * capped heaps, so what they hold stays small; this thread only deals out batches meanwhile.
 */
export async function startRenderPool(setup: LocationRendererSetup, workers: number): Promise<LocationRenderPool> {
  if (workers === 0) {
    const local = await locationRenderer(setup);
    return {
      ready: async () => undefined,
      render: async (batch) => local.render(batch),
      close: async () => {
        local.close();
        return local.timings;
      },
    };
  }
  return new WorkerPool(setup, workers);
}

/** The worker script: compiled JavaScript, also when the build itself runs from TypeScript sources (tests). */
const WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../../lib/io/render-worker.js', import.meta.url)
  : new URL('./render-worker.js', import.meta.url);

/**
 * A worker's heap is capped: it holds the site without its locations, one batch and room to work, so V8
 * collects garbage as it goes instead of letting the heap grow.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };

/**
 * Whether this Node.js runs V8's Maglev compiler by default, as its build setting says: Node 24 does (and 22.0 to
 * 22.8); Node 20 and 22.9 and later are built without it. `--maglev` is then what is given back.
 */
const MAGLEV_BY_DEFAULT = (process.config.variables as Record<string, unknown>)['v8_enable_maglev'] === 1;

/**
 * How V8 collects garbage while the workers render, set before they start and given back when they stop.
 * Measured on 2 cores, Node 20, 110,000 pages:
 * - No allocation-site pretenuring. V8 saw objects of one allocation site survive a collection and began
 *   allocating that site's objects in the old generation. They belong to one page and die with it, but until
 *   the next full collection they keep what they point to alive through every young collection, so each worker
 *   moved about 400 MB of dead objects into the old generation (80 MB without it), and the build took 8.5 to
 *   8.8 s instead of 7.3 to 7.5 s.
 * - With as many workers as cores, no helper threads for young collections: they could only take turns with
 *   the other workers for the same cores. With pretenuring still on, they took 1.25 s of each worker's time
 *   instead of 0.77 s, and 0.6 s of the build's; with it off, 0.3 s of the build's.
 * - No Maglev, V8's mid-tier optimizing compiler, where Node runs it by default (see MAGLEV_BY_DEFAULT). Code
 *   it compiled moved a page's short-lived objects into the old generation even with pretenuring off: on Node
 *   24 each worker promoted about 500 MB instead of 160 MB, the render stage took 4.8 s instead of 5.3 s, and
 *   the build 7.11 s (median of 3) instead of 7.8 to 7.97 s. Loading keeps it: it is 0.4 s slower without.
 * - Young generations that do not grow, and workers that start with the whole one their limit allows. The main
 *   thread, which only deals out batches and records what became of each page, then keeps the small young
 *   generation it was given back after loading (Node 22 and later; see loadOrReuse in build.ts) instead of growing it to 67 MB
 *   (Node 24) or 34 MB (Node 22): 110,000 pages peaked at 210 to 221 MB instead of 267 to 277 MB on Node 24, in
 *   the same time. The workers' young generation is the size they reached anyway.
 */
function holdRenderingFlags(threads: number): () => void {
  const releases = [
    holdV8Flag('--no-allocation-site-pretenuring'),
    holdYoungGenerationSize(),
    holdYoungGenerationStart(WORKER_LIMITS.maxYoungGenerationSizeMb),
  ];
  if (MAGLEV_BY_DEFAULT) releases.push(holdV8Flag('--no-maglev', ['jitless', 'lite-mode', 'max-opt']));
  if (threads >= availableParallelism()) {
    releases.push(holdV8Flag('--no-parallel-scavenge', ['single-threaded-gc', 'single-threaded', 'predictable', 'verify-predictable']));
  }
  return () => {
    for (const release of releases) release();
  };
}

interface Waiting {
  resolve: (pages: RenderedPage[]) => void;
  reject: (error: Error) => void;
}

type WorkerMessage = { ok: true; pages: RenderedPage[]; timings: RenderTimings } | WorkerFailure;

class WorkerPool implements LocationRenderPool {
  private readonly slots: { worker: Worker; waiting: Waiting[]; timings: RenderTimings }[] = [];
  private failure: Error | undefined;
  private wake: (() => void)[] = [];
  /** Workers running (their heaps made). */
  private online = 0;
  /** Gives V8 its flags back (see holdRenderingFlags). */
  private readonly releaseFlags: () => void;

  constructor(setup: LocationRendererSetup, threads: number) {
    this.releaseFlags = holdRenderingFlags(threads);
    const heapMb = WORKER_LIMITS.maxOldGenerationSizeMb + Math.ceil((2 * JSON.stringify(setup.shell).length) / 1e6);
    try {
      for (let thread = 0; thread < threads; thread++) this.slots.push(this.startWorker(setup, heapMb));
    } catch (error) {
      // A worker that cannot start (no threads left, say): stop those that did, and give the flags back.
      this.fail(error as Error);
      throw error;
    }
  }

  /** A render worker, wired to this pool: answers go to the batches it was given, a failure stops everything. */
  private startWorker(setup: LocationRendererSetup, heapMb: number) {
    const worker = new Worker(WORKER, { workerData: setup, resourceLimits: { ...WORKER_LIMITS, maxOldGenerationSizeMb: heapMb } });
    const slot = { worker, waiting: [] as Waiting[], timings: { plan: 0, render: 0, write: 0 } };
    // A new heap resets flags (see reapplyHeldV8Flags): set them again once every worker has its own.
    worker.once('online', () => {
      if (++this.online === this.slots.length && !this.failure) reapplyHeldV8Flags();
    });
    worker.on('message', (message: WorkerMessage) => {
      const waiting = slot.waiting.shift();
      if (message.ok) {
        slot.timings = message.timings;
        waiting?.resolve(message.pages);
      } else {
        this.fail(failureError(message), waiting);
      }
      this.wakeAll();
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`a render worker stopped with exit code ${code} before its work was done`)));
    return slot;
  }

  async ready(): Promise<void> {
    while (!this.failure && this.slots.every((slot) => slot.waiting.length >= QUEUED_PER_WORKER)) {
      await new Promise<void>((resolve) => this.wake.push(resolve));
    }
    if (this.failure) throw this.failure;
  }

  render(batch: LocationBatch): Promise<RenderedPage[]> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((best, candidate) => (candidate.waiting.length < best.waiting.length ? candidate : best));
    return new Promise((resolve, reject) => {
      slot.waiting.push({ resolve, reject });
      slot.worker.postMessage(batch);
    });
  }

  async close(): Promise<RenderTimings> {
    this.failure ??= new Error('the render pool is closed');
    for (const slot of this.slots) slot.worker.removeAllListeners('exit');
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.releaseFlags();
    const timings: RenderTimings = { plan: 0, render: 0, write: 0 };
    for (const slot of this.slots) for (const key of Object.keys(timings) as (keyof RenderTimings)[]) timings[key] += slot.timings[key];
    return timings;
  }

  /** The first failure stops everything: every waiting batch fails with it, so nothing more is written. */
  private fail(error: Error, first?: Waiting): void {
    if (!this.failure) this.failure = error;
    first?.reject(this.failure);
    for (const slot of this.slots) for (const waiting of slot.waiting.splice(0)) waiting.reject(this.failure);
    for (const slot of this.slots) slot.worker.removeAllListeners('exit');
    for (const slot of this.slots) void slot.worker.terminate();
    this.releaseFlags();
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const resolve of this.wake.splice(0)) resolve();
  }
}
