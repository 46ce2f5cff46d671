import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../core/problems.js';

/** The folder inside every output that marks it as ours and keeps the last build's manifest. */
export const MARKER_DIR = '.clinic-seo';
export const MANIFEST_FILE = `${MARKER_DIR}/manifest.json`;

/**
 * An output folder written atomically: files go to a staging folder beside the output, which replaces
 * the output only on `commit()`. On any failure the previous output is left exactly as it was.
 */
let openCount = 0;

export class StagedOutput {
  private constructor(
    readonly outDir: string,
    readonly stagingDir: string,
  ) {}

  /** Check the output folder may be replaced, and create a fresh staging folder beside it. */
  static async open(outDir: string): Promise<StagedOutput> {
    const resolved = path.resolve(outDir);
    await assertReplaceable(resolved);
    const stagingDir = path.join(path.dirname(resolved), `.${path.basename(resolved)}.clinic-seo-staging-${process.pid}-${++openCount}`);
    await rm(stagingDir, { recursive: true, force: true });
    await mkdir(path.join(stagingDir, MARKER_DIR), { recursive: true });
    return new StagedOutput(resolved, stagingDir);
  }

  /** The previous build's copy of a file, if there is one. */
  async readPrevious(file: string): Promise<string | undefined> {
    return readFile(this.resolve(this.outDir, file), 'utf8').catch(() => undefined);
  }

  /** Write one file (relative path) into the staging folder. */
  async write(file: string, content: string | Uint8Array): Promise<void> {
    const target = this.resolve(this.stagingDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }

  /** Copy a folder of static files into the staging folder; a file that is already there is a user error. */
  async copyFolder(source: string, destination: string): Promise<void> {
    const entries = await readdir(source, { recursive: true, withFileTypes: true }).catch(() => []);
    const files = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(source, path.join(entry.parentPath, entry.name)));
    const targets = files.map((file) => ({ file, target: this.resolve(this.stagingDir, path.join(destination, file)) }));
    const taken = (await Promise.all(targets.map(async (entry) => ((await exists(entry.target)) ? entry.file : undefined)))).filter(
      (file): file is string => file !== undefined,
    );
    if (taken.length > 0) {
      throw new UserError(
        taken.sort().map((file) => ({
          severity: 'error' as const,
          file: path.relative(process.cwd(), path.join(source, file)),
          message: `this file would replace ${path.join(destination, file)}, which clinic-seo builds`,
          hint: 'rename or move the file; the generated pages, sitemaps, robots.txt and assets/ are reserved',
        })),
      );
    }
    for (const { target, file } of targets) {
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(path.join(source, file), target);
    }
  }

  /** Swap the staging folder in place of the output. */
  async commit(): Promise<void> {
    const backup = `${this.stagingDir}-previous`;
    const hadOutput = await exists(this.outDir);
    if (hadOutput) await rename(this.outDir, backup);
    try {
      await rename(this.stagingDir, this.outDir);
    } catch (error) {
      if (hadOutput) await rename(backup, this.outDir);
      throw error;
    }
    if (hadOutput) await rm(backup, { recursive: true, force: true });
  }

  /** Throw the staging folder away; the output is untouched. */
  async abort(): Promise<void> {
    await rm(this.stagingDir, { recursive: true, force: true });
  }

  /** A path inside `root`; a file name can never reach outside the output folder. */
  private resolve(root: string, file: string): string {
    const target = path.resolve(root, file);
    if (target !== root && !target.startsWith(root + path.sep)) throw new Error(`refusing to write outside the output folder: ${file}`);
    return target;
  }
}

/** The output folder may be replaced when it does not exist, is empty, or was made by clinic-seo. */
async function assertReplaceable(outDir: string): Promise<void> {
  const info = await stat(outDir).catch(() => undefined);
  if (!info) return;
  const display = path.relative(process.cwd(), outDir) || '.';
  if (!info.isDirectory()) {
    throw new UserError([{ severity: 'error', file: display, message: 'the output path is a file, not a folder', hint: 'choose another --out folder' }]);
  }
  const entries = await readdir(outDir);
  if (entries.length > 0 && !entries.includes(MARKER_DIR)) {
    throw new UserError([
      {
        severity: 'error',
        file: display,
        message: 'refusing to replace this folder: it is not empty and was not made by clinic-seo',
        hint: `choose an empty or new --out folder (clinic-seo replaces the whole folder, and marks its own with ${MARKER_DIR}/)`,
      },
    ]);
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
