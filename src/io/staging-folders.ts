import { rmSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

/*
 * The staging folders that StagedOutput builds outputs in, beside them: their names, the ones this process has
 * open (for a stop with Ctrl-C), and the ones killed builds left behind (removed by the next build).
 */

let openCount = 0;
/** The staging folders of this process's outputs that are neither committed nor aborted yet. */
const openStagingDirs = new Set<string>();
/** Outputs of this process being changed right now (see whileUpdatingOutput): stopping then would leave one half updated. */
let outputsBeingUpdated = 0;

/** This machine, in a folder name: staging folders on a shared volume are told apart by machine, then process. */
const HOST = hostname().replace(/[^\w.-]/g, '_') || 'host';

/** The start of the names of an output's staging folders, beside it: `.dist.clinic-seo-staging-<host>-<pid>-<n>`. */
function stagingPrefix(outDir: string): string {
  return `.${path.basename(outDir)}.clinic-seo-staging-${HOST}-`;
}

/** A new staging folder's path for the output `outDir`, counted as open until stagingDirDone. */
export function newStagingDir(outDir: string): string {
  const dir = path.join(path.dirname(outDir), `${stagingPrefix(outDir)}${process.pid}-${++openCount}`);
  openStagingDirs.add(dir);
  return dir;
}

/** The staging folder is gone (aborted) or no longer this process's to remove (being committed). */
export function stagingDirDone(dir: string): void {
  openStagingDirs.delete(dir);
}

/** Run `update`, which changes the output of staging folder `dir`: a stop meanwhile waits (see removeOpenStagingNow). */
export async function whileUpdatingOutput(dir: string, update: () => Promise<void>): Promise<void> {
  stagingDirDone(dir);
  outputsBeingUpdated++;
  try {
    await update();
  } finally {
    outputsBeingUpdated--;
  }
}

/**
 * For a command stopped with Ctrl-C: remove the staging folders of this process's unfinished builds at once,
 * unless an output is being updated (see whileUpdatingOutput), which must be let finish; whether one is. A render thread
 * still writing may leave a few files behind; the next build removes them (see removeAbandonedStaging).
 */
export function removeOpenStagingNow(): { updatingOutput: boolean } {
  for (const dir of openStagingDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // a thread still writing into it: the next build removes what is left
    }
  }
  openStagingDirs.clear();
  return { updatingOutput: outputsBeingUpdated > 0 };
}

/**
 * Clean up after builds into `outDir` that were killed on this machine (their process is gone): remove their
 * staging folders, and put back the last output when such a build had moved it aside (`-previous`) and the
 * output itself is missing. A folder that cannot be removed is left for the user; it does not fail the build.
 */
export async function removeAbandonedStaging(outDir: string): Promise<void> {
  const prefix = stagingPrefix(outDir);
  const names = await readdir(path.dirname(outDir)).catch(() => [] as string[]);
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(\d+)-\d+(-previous)?$/.exec(name.slice(prefix.length)) : null;
    if (!match || isRunning(Number(match[1]))) continue;
    const folder = path.join(path.dirname(outDir), name);
    try {
      if (match[2] && !(await exists(outDir))) await rename(folder, outDir);
      else await rm(folder, { recursive: true, force: true });
    } catch {
      // not ours to remove (another user's, read-only): left as it is
    }
  }
}

/** Whether a process with this id runs (this one included), as far as this process can tell. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a file or folder exists. */
export async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
