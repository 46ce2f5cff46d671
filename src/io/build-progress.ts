/**
 * The stages a build reports progress in: location files loaded, then pages rendered, listed in the sitemaps,
 * recorded in the manifest, and (when the output is updated in place) moved into it.
 */
export type BuildStage = 'load' | 'render' | 'sitemap' | 'commit' | 'update';

/** How far a build is: its stage, and how many of the stage's items (location files, or pages) are done. */
export interface BuildProgress {
  stage: BuildStage;
  done: number;
  total: number;
}

/** Where a build reports its progress. */
export type ProgressListener = (progress: BuildProgress) => void;

/** Reports between two of a stage's items, at most: a listener is not called a million times. */
const MIN_INTERVAL_MS = 50;

/**
 * A listener that passes on the first and the last report of each stage, and the others at most every 50 ms,
 * so reporting costs a large build nothing. Counts never go back within a stage.
 */
export function throttledProgress(listener: ProgressListener | undefined): ProgressListener | undefined {
  if (!listener) return undefined;
  let last: BuildProgress | undefined;
  let lastAt = 0;
  return (progress) => {
    const sameStage = last?.stage === progress.stage;
    if (sameStage && progress.done < last!.done) return;
    const now = performance.now();
    if (sameStage && progress.done < progress.total && now - lastAt < MIN_INTERVAL_MS) return;
    if (sameStage && progress.done === last!.done && progress.total === last!.total) return;
    last = progress;
    lastAt = now;
    listener(progress);
  };
}
