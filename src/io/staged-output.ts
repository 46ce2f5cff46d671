import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { digest } from '../core/digest.js';
import type { ManifestEntry } from '../core/lastmod.js';
import { UserError } from '../core/problems.js';
import { PreviousManifest } from './previous-manifest.js';
import { exists, newStagingDir, removeAbandonedStaging, stagingDirDone, whileUpdatingOutput } from './staging-folders.js';

/** The folder inside every output that marks it as ours and keeps the last build's manifest. */
export const MARKER_DIR = '.clinic-seo';
export const MANIFEST_FILE = `${MARKER_DIR}/manifest.json`;

/** What became of one output file in this build. */
export interface OutputEntry {
  /** Hash of the bytes, where computed (pages written fresh have none: their input hash identifies them). */
  hash?: string;
  /** For pages: the hash of what the page was built from. */
  input?: string;
  /** True when this build wrote the file; false when the previous build's copy is kept as it is. */
  written: boolean;
}

/**
 * An output folder changed as one transaction. Files go to a staging folder beside the output; nothing in
 * the output changes until `commit()`, so a build that fails leaves the previous output exactly as it was.
 *
 * - A new output (or one without a manifest we can read: missing, damaged, not ours) is replaced whole: the
 *   staging folder is renamed into place, and every file counts as new (lastmod today).
 * - An output from a previous build is updated: only files whose bytes changed are moved in (each by an
 *   atomic rename), files no longer built are removed, and unchanged files are not touched, so their
 *   modification times and the sitemap's lastmod stay as they were.
 */
export class StagedOutput {
  /** Every file of this build but its pages, which the build records in a ledger of its own (see PageLedger). */
  readonly entries = new Map<string, OutputEntry>();
  private readonly createdDirs = new Set<string>();

  /** The previous build's manifest, when the output is updated in place (once read: see open). */
  previous: PreviousManifest | undefined;

  private constructor(
    readonly outDir: string,
    readonly stagingDir: string,
  ) {}

  /** What the previous build recorded about a file, if it had it. */
  before(file: string): ManifestEntry | undefined {
    return this.previous?.get(file);
  }

  /** Mark a page file as part of this build (so it is not removed), and return what the previous build recorded. */
  claim(file: string): ManifestEntry | undefined {
    return this.previous?.claim(file);
  }

  /**
   * Check the output folder may be replaced, create a fresh staging folder beside it, and read the output's
   * manifest, unless asked to leave that for later (readPreviousManifest), for a large site's build to read it
   * once its load threads have ended and their memory is given back.
   */
  static async open(outDir: string, options: { manifestLater?: boolean } = {}): Promise<StagedOutput> {
    const resolved = path.resolve(outDir);
    // First: an output put back from where a killed build had moved it is then checked like any other.
    await removeAbandonedStaging(resolved);
    await assertReplaceable(resolved);
    const stagingDir = newStagingDir(resolved);
    await rm(stagingDir, { recursive: true, force: true });
    await mkdir(stagingDir, { recursive: true });
    const output = new StagedOutput(resolved, stagingDir);
    if (!options.manifestLater) await output.readPreviousManifest();
    return output;
  }

  /** Read the output's manifest (see open), once: before anything asks what the previous build had. */
  async readPreviousManifest(): Promise<void> {
    if (this.manifestRead) return;
    this.manifestRead = true;
    this.previous = await PreviousManifest.read(path.join(this.outDir, MANIFEST_FILE));
  }

  private manifestRead = false;

  /** Write one file (relative path) unless the previous build has the same bytes there; `input` is what it was made from. */
  async write(file: string, content: string | Uint8Array, input?: string): Promise<void> {
    const hash = hashContent(content);
    const written = this.before(file)?.hash !== hash;
    if (written) {
      const target = this.resolve(this.stagingDir, file);
      const dir = path.dirname(target);
      if (!this.createdDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        this.createdDirs.add(dir);
      }
      await writeFile(target, content);
    }
    this.record(file, { hash, ...(input ? { input } : {}), written });
  }

  /**
   * The staged path of a file of the build's own state (inside the marker folder, like the manifest), for the
   * caller to write; its folder exists. It is not part of the site: not in the manifest, and replaced on commit
   * without being compared.
   */
  async stateFile(file: string): Promise<string> {
    if (!file.startsWith(`${MARKER_DIR}/`) || file === MANIFEST_FILE) throw new Error(`not a state file: ${file}`);
    const target = this.resolve(this.stagingDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    if (!this.stateFiles.includes(file)) this.stateFiles.push(file);
    return target;
  }

  private readonly stateFiles: string[] = [];

  /** Record a file that something else (a render worker) wrote into the staging folder, or kept. */
  record(file: string, entry: OutputEntry): void {
    this.resolve(this.stagingDir, file);
    if (this.entries.has(file)) {
      throw new UserError([{ severity: 'error', file, message: `two outputs would both be written to ${file}`, hint: 'rename one of them' }]);
    }
    this.entries.set(file, entry);
  }

  /**
   * Copy a folder of static files; a file that is already part of the output is a user error. `pagesAmong`
   * tells which of the copied files' names are pages of this build.
   */
  async copyFolder(source: string, destination: string, pagesAmong: (files: string[]) => Set<string>): Promise<void> {
    const entries = await readdir(source, { recursive: true, withFileTypes: true }).catch(() => []);
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(source, path.join(entry.parentPath, entry.name)))
      .sort();
    const outputName = (file: string) => path.join(destination, file).split(path.sep).join('/');
    const pages = pagesAmong(files.map(outputName));
    const taken = files.filter((file) => this.entries.has(outputName(file)) || pages.has(outputName(file)));
    if (taken.length > 0) {
      throw new UserError(
        taken.map((file) => ({
          severity: 'error' as const,
          file: path.relative(process.cwd(), path.join(source, file)),
          message: `this file would replace ${path.join(destination, file)}, which clinic-seo builds`,
          hint: 'rename or move the file; the generated pages, sitemaps, robots.txt and assets/ are reserved',
        })),
      );
    }
    for (const file of files) await this.write(outputName(file), await readFile(path.join(source, file)));
  }

  /** Files of the previous build that this build does not produce (asked once every file is recorded or claimed). */
  removedFiles(): Promise<string[]> {
    this.removed ??= this.previous ? this.previous.unclaimed((file) => this.entries.has(file) || file === MANIFEST_FILE) : Promise.resolve([]);
    return this.removed;
  }

  private removed: Promise<string[]> | undefined;

  /**
   * Make the staged output the output: swap it in whole, or apply the changes to the previous output.
   * The manifest comes in pieces (see manifestText) and is replaced only when its bytes changed; `writtenPages`
   * are the pages the render threads wrote into the staging folder.
   */
  async commit(manifest: Iterable<string>, writtenPages: Iterable<string>): Promise<void> {
    const stagedManifest = path.join(this.stagingDir, MANIFEST_FILE);
    const manifestHash = await writePieces(stagedManifest, manifest);
    // From here on the output changes: a stop must wait until it is whole again.
    await whileUpdatingOutput(this.stagingDir, () => this.updateOutput(manifestHash, stagedManifest, writtenPages));
  }

  private async updateOutput(manifestHash: string, stagedManifest: string, writtenPages: Iterable<string>): Promise<void> {
    if (!this.previous) {
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
      return;
    }
    // Removals first, so a removed file can never block a new folder of the same name (or the reverse).
    for (const file of await this.removedFiles()) {
      await rm(this.resolve(this.outDir, file), { recursive: true, force: true });
      await pruneEmptyParents(this.outDir, path.dirname(this.resolve(this.outDir, file)));
    }
    const dirs = new Set<string>();
    for (const file of this.writtenFiles(writtenPages)) {
      const target = this.resolve(this.outDir, file);
      if (!dirs.has(path.dirname(target))) {
        await mkdir(path.dirname(target), { recursive: true });
        dirs.add(path.dirname(target));
      }
      await rename(this.resolve(this.stagingDir, file), target);
    }
    for (const file of this.stateFiles) {
      await mkdir(path.dirname(this.resolve(this.outDir, file)), { recursive: true });
      await rename(this.resolve(this.stagingDir, file), this.resolve(this.outDir, file));
    }
    const manifestPath = path.join(this.outDir, MANIFEST_FILE);
    if ((await hashFile(manifestPath)) !== manifestHash) {
      await mkdir(path.dirname(manifestPath), { recursive: true });
      await rename(stagedManifest, manifestPath);
    }
    await rm(this.stagingDir, { recursive: true, force: true });
  }

  private *writtenFiles(pages: Iterable<string>): Generator<string> {
    yield* pages;
    for (const [file, entry] of this.entries) if (entry.written) yield file;
  }

  /** Throw the staging folder away; the output is untouched. */
  async abort(): Promise<void> {
    await rm(this.stagingDir, { recursive: true, force: true });
    stagingDirDone(this.stagingDir);
  }

  /** A path inside `root`; a file name can never reach outside the output folder. */
  resolve(root: string, file: string): string {
    const target = path.resolve(root, file);
    if (target !== root && !target.startsWith(root + path.sep)) throw new Error(`refusing to write outside the output folder: ${file}`);
    return target;
  }
}

/** sha256 of a file's bytes, as recorded in the manifest. */
export function hashContent(content: string | Uint8Array): string {
  return digest('sha256', content);
}

/** hashContent of a file's bytes, read a piece at a time (a large site's manifest is a hundred megabytes); undefined when unreadable. */
async function hashFile(file: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch {
    return undefined;
  }
  return hash.digest('base64url');
}

/** Write a file that comes in small text pieces, gathered about a megabyte at a time. Returns the hash of the bytes. */
async function writePieces(file: string, pieces: Iterable<string>): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  const hash = createHash('sha256');
  const handle = await open(file, 'w');
  let buffered = '';
  const flush = async () => {
    hash.update(buffered);
    await handle.write(buffered);
    buffered = '';
  };
  try {
    for (const piece of pieces) {
      buffered += piece;
      if (buffered.length >= 1 << 20) await flush();
    }
    await flush();
  } finally {
    await handle.close();
  }
  return hash.digest('base64url');
}

/** Remove folders left empty by removed pages, up to the output folder. */
async function pruneEmptyParents(root: string, dir: string): Promise<void> {
  let current = dir;
  while (current !== root && current.startsWith(root + path.sep)) {
    if ((await readdir(current).catch(() => ['?'])).length > 0) return;
    await rmdir(current).catch(() => undefined);
    current = path.dirname(current);
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
