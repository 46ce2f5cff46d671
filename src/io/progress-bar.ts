import cliProgress from 'cli-progress';
import type { BuildProgress, BuildStage, ProgressListener } from './build-progress.js';

/** What each stage is doing, as the bar shows it (padded to one width so the bar does not move). */
const STAGE_LABELS: Record<BuildStage, string> = {
  load: 'Loading location files',
  render: 'Rendering pages',
  sitemap: 'Writing the sitemaps',
  commit: 'Writing the manifest',
};
const LABEL_WIDTH = Math.max(...Object.values(STAGE_LABELS).map((label) => label.length));

/** A build's progress bar on a terminal. */
export interface ProgressBar {
  update: ProgressListener;
  /** Take the bar off the terminal (before the build's summary is printed). */
  stop(): void;
}

/**
 * A progress bar for a build on the terminal `stream`, shown only once the build has taken `delayMs` (a small
 * site builds in a fraction of a second and never shows one). Redrawn at most 10 times a second; removed
 * when stopped.
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
  let shownStage: BuildStage | undefined;
  let stopped = false;
  return {
    update({ stage, done, total }: BuildProgress) {
      if (stopped) return;
      const payload = { stage: STAGE_LABELS[stage].padEnd(LABEL_WIDTH) };
      if (shownStage === undefined) {
        if (performance.now() - createdAt < delayMs) return;
        bar.start(total, done, payload);
      } else if (stage !== shownStage) {
        // Each stage counts its own items from zero: the elapsed time is the stage's too.
        bar.stop();
        bar.start(total, done, payload);
      } else {
        bar.setTotal(total);
        bar.update(done, payload);
      }
      shownStage = stage;
    },
    stop() {
      stopped = true;
      if (shownStage !== undefined) bar.stop();
    },
  };
}
