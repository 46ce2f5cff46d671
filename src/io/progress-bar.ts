import cliProgress from 'cli-progress';
import type { BuildProgress, BuildStage, ProgressListener } from './build-progress.js';

/** What each stage of a build is doing, as the bar shows it. */
const STAGE_LABELS: Record<BuildStage, string> = {
  load: 'Loading location files',
  render: 'Rendering pages',
  sitemap: 'Writing the sitemaps',
  commit: 'Writing the manifest',
  update: 'Updating the output',
};
/** Labels are padded to one width, so the bar does not move from one stage to the next. */
const LABEL_WIDTH = 22;

/** A progress bar on a terminal: what is being done, and how many of how many items are done. */
export interface ProgressBar {
  update(label: string, done: number, total: number): void;
  /** Take the bar off the terminal (before the command's summary is printed). */
  stop(): void;
}

/** A build's progress (see BuildOptions.onProgress) on a progress bar. */
export function buildProgressOn(bar: ProgressBar): ProgressListener {
  return ({ stage, done, total }: BuildProgress) => bar.update(STAGE_LABELS[stage], done, total);
}

/**
 * A progress bar on the terminal `stream`, shown only once the command has run for `delayMs` (a small site
 * builds in a fraction of a second and never shows one). Redrawn at most 10 times a second; a new label
 * starts it again from its own count; removed when stopped.
 */
export function progressBar(stream: NodeJS.WritableStream, { delayMs = 1000 }: { delayMs?: number } = {}): ProgressBar {
  const bar = new cliProgress.SingleBar({
    stream,
    format: '{stage} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}',
    barsize: 30,
    clearOnComplete: true,
    // No SIGINT handler of its own (it would keep Ctrl-C from stopping the build) and so no hidden cursor.
    gracefulExit: false,
    hideCursor: null,
    linewrap: true,
  }, cliProgress.Presets.shades_classic);
  const createdAt = performance.now();
  let shownLabel: string | undefined;
  let stopped = false;
  return {
    update(label, done, total) {
      if (stopped) return;
      const payload = { stage: label.padEnd(LABEL_WIDTH) };
      if (shownLabel === undefined) {
        if (performance.now() - createdAt < delayMs) return;
        bar.start(total, done, payload);
      } else if (label !== shownLabel) {
        // Each stage counts its own items from zero: the elapsed time is the stage's too.
        bar.stop();
        bar.start(total, done, payload);
      } else {
        bar.setTotal(total);
        bar.update(done, payload);
      }
      shownLabel = label;
    },
    stop() {
      stopped = true;
      if (shownLabel !== undefined) bar.stop();
    },
  };
}
