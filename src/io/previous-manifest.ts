import { open, readFile } from 'node:fs/promises';
import type { ManifestEntry } from '../core/lastmod.js';
import { HASH_BYTES, INPUT_BYTES } from './page-ledger.js';
import { stringHashLanes } from '../core/string-hash.js';
import { readLineBatches } from './read-lines.js';

/** The manifest's first line, as manifestText writes it. */
const HEADER = '{"tool":"clinic-seo","version":1,"files":{';
const HAS_INPUT = 1;
const HAS_HASH = 2;
const CLAIMED = 4;
const SHARED_HASH = 8;

/**
 * The last build's manifest, for lookups by file name: about 60 bytes a file in typed arrays (90 with content
 * hashes), where parsed JSON in a Map took about 800. File names are not kept: a 64-bit hash of each name finds
 * its entry (two names of a million sharing one is a chance of about 1 in 30 million, and is handled: see
 * index), and the names of the files this build no longer makes are read from the manifest again at the end.
 */
export class PreviousManifest {
  private flags = new Uint8Array(1024);
  private inputs = Buffer.alloc(1024 * INPUT_BYTES);
  /** Content hashes, once an entry has one. */
  private hashes: Buffer | undefined;
  private lastmods = new Uint16Array(1024);
  private names = new Uint32Array(1024 * 2);
  private readonly dates: string[] = [];
  /** Open addressing, at most half full: slot -> entry number + 1 (0 is empty); built once every entry is in. */
  private table = new Int32Array(0);
  private count = 0;

  private constructor(
    private readonly file: string,
    /** One entry per line (as manifestText writes), or any other JSON layout (older versions, other tools). */
    private readonly layout: 'lines' | 'json',
  ) {}

  /** The manifest in `file`, or undefined when it is missing, damaged or not a clinic-seo manifest. */
  static async read(file: string): Promise<PreviousManifest | undefined> {
    const lined = await PreviousManifest.readLines(file);
    return lined === 'other layout' ? PreviousManifest.readJson(file) : lined;
  }

  /** A manifest as manifestText writes it, one entry per line, read a megabyte at a time. */
  private static async readLines(file: string): Promise<PreviousManifest | 'other layout' | undefined> {
    const handle = await open(file, 'r').catch(() => undefined);
    if (!handle) return undefined;
    try {
      const manifest = new PreviousManifest(file, 'lines');
      let state: 'header' | 'files' | 'end' = 'header';
      for await (const lines of readLineBatches(handle)) {
        for (const line of lines) {
          if (state === 'header') {
            if (line !== HEADER) return 'other layout';
            state = 'files';
          } else if (state === 'files' && line === '}}') {
            state = 'end';
          } else if (state === 'files') {
            const parsed = parseEntryLine(line);
            if (!parsed || !manifest.add(...parsed)) return undefined;
          } else if (line !== '') {
            return undefined;
          }
        }
      }
      return state === 'end' && manifest.index() ? manifest : undefined;
    } catch {
      return undefined;
    } finally {
      await handle.close();
    }
  }

  /** A manifest in another JSON layout, read whole: this happens once, on the first build after an upgrade. */
  private static async readJson(file: string): Promise<PreviousManifest | undefined> {
    const files = await readJsonFiles(file);
    if (!files) return undefined;
    const manifest = new PreviousManifest(file, 'json');
    for (const [name, entry] of Object.entries(files)) if (!manifest.add(name, entry)) return undefined;
    return manifest.index() ? manifest : undefined;
  }

  /** What the last build recorded about a file. */
  get(name: string): ManifestEntry | undefined {
    const entry = this.find(name);
    return entry === undefined ? undefined : this.entry(entry);
  }

  /** The same, marking the file as one this build makes (so it is not removed). */
  claim(name: string): ManifestEntry | undefined {
    const entry = this.find(name);
    if (entry === undefined) return undefined;
    this.flags[entry]! |= CLAIMED;
    return this.entry(entry);
  }

  /** The files of the last build that were not claimed and that `stillMade` does not know either. */
  async unclaimed(stillMade: (name: string) => boolean): Promise<string[]> {
    const names: string[] = [];
    const keep = (name: string) => {
      const index = this.find(name);
      // A name not found is one whose hash another name shares (see index): it is removed unless this build
      // makes it, and then written again.
      if ((index === undefined || !(this.flags[index]! & CLAIMED)) && !stillMade(name)) names.push(name);
    };
    if (this.layout === 'json') {
      for (const name of Object.keys((await readJsonFiles(this.file)) ?? {})) keep(name);
      return names;
    }
    const handle = await open(this.file, 'r');
    try {
      let entry = -1;
      for await (const lines of readLineBatches(handle)) {
        for (const line of lines) {
          if (entry++ < 0 || line === '}}' || line === '') continue;
          keep(parseEntryLine(line)![0]);
        }
      }
    } finally {
      await handle.close();
    }
    return names;
  }

  private add(name: string, value: Partial<ManifestEntry> | undefined): boolean {
    if (!value || typeof value !== 'object' || typeof value.lastmod !== 'string') return false;
    if (this.count === this.flags.length) this.resize(this.count * 2);
    const entry = this.count++;
    let flags = 0;
    if (value.input !== undefined) {
      if (typeof value.input !== 'string' || this.inputs.write(value.input, entry * INPUT_BYTES, 'base64url') !== INPUT_BYTES) return false;
      flags |= HAS_INPUT;
    }
    if (value.hash !== undefined) {
      this.hashes ??= Buffer.alloc(this.flags.length * HASH_BYTES);
      if (typeof value.hash !== 'string' || this.hashes.write(value.hash, entry * HASH_BYTES, 'base64url') !== HASH_BYTES) return false;
      flags |= HAS_HASH;
    }
    let date = this.dates.indexOf(value.lastmod);
    if (date < 0) date = this.dates.push(value.lastmod) - 1;
    if (date >= 0xffff) return false;
    this.lastmods[entry] = date;
    this.flags[entry] = flags;
    [this.names[entry * 2], this.names[entry * 2 + 1]] = stringHashLanes(name);
    return true;
  }

  /** Move the entries to arrays of `size` entries: twice as large while reading, exactly large enough after. */
  private resize(size: number): void {
    const grown = <T extends Uint8Array | Uint16Array | Uint32Array>(from: T, make: (length: number) => T, per = 1): T => {
      const to = make(size * per);
      to.set(from.subarray(0, Math.min(from.length, size * per)));
      return to;
    };
    this.flags = grown(this.flags, (length) => new Uint8Array(length));
    this.inputs = grown(this.inputs, (length) => Buffer.alloc(length), INPUT_BYTES);
    if (this.hashes) this.hashes = grown(this.hashes, (length) => Buffer.alloc(length), HASH_BYTES);
    this.lastmods = grown(this.lastmods, (length) => new Uint16Array(length));
    this.names = grown(this.names, (length) => new Uint32Array(length), 2);
  }

  /**
   * Build the lookup table. Two names with the same 64-bit hash (or one name written twice) are both left out
   * of lookups: their files count as new, so they are written again, and as unclaimed, so the old copies are
   * removed first. The manifest stays usable for every other file.
   */
  private index(): true {
    this.resize(this.count);
    this.table = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(2, this.count) * 2)));
    const mask = this.table.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      const [low, high] = [this.names[entry * 2]!, this.names[entry * 2 + 1]!];
      let slot = low & mask;
      let shared = false;
      for (; this.table[slot] !== 0; slot = (slot + 1) & mask) {
        const other = this.table[slot]! - 1;
        if (this.names[other * 2] === low && this.names[other * 2 + 1] === high) {
          this.flags[other]! |= SHARED_HASH;
          shared = true;
          break;
        }
      }
      if (!shared) this.table[slot] = entry + 1;
    }
    return true;
  }

  private find(name: string): number | undefined {
    const [low, high] = stringHashLanes(name);
    const mask = this.table.length - 1;
    for (let slot = low & mask; this.table[slot] !== 0; slot = (slot + 1) & mask) {
      const entry = this.table[slot]! - 1;
      if (this.names[entry * 2] === low && this.names[entry * 2 + 1] === high) return this.flags[entry]! & SHARED_HASH ? undefined : entry;
    }
    return undefined;
  }

  private entry(entry: number): ManifestEntry {
    const flags = this.flags[entry]!;
    const result: ManifestEntry = flags & HAS_HASH
      ? { hash: this.hashes!.toString('base64url', entry * HASH_BYTES, (entry + 1) * HASH_BYTES), lastmod: this.dates[this.lastmods[entry]!]! }
      : { lastmod: this.dates[this.lastmods[entry]!]! };
    if (flags & HAS_INPUT) result.input = this.inputs.toString('base64url', entry * INPUT_BYTES, (entry + 1) * INPUT_BYTES);
    return result;
  }
}


/**
 * One entry line as manifestText writes it (`"name":{...}`, with a comma unless it is the last): name and entry.
 * The name and the entry are parsed apart: parsed as one object, each of a large site's file names became a
 * property key, which V8 interns in its string table. In a no-change rebuild of 110,000 pages that took 0.28 s,
 * and 0.08 s parsed apart.
 */
function parseEntryLine(line: string): [string, Partial<ManifestEntry> | undefined] | undefined {
  const end = line.endsWith(',') ? line.length - 1 : line.length;
  // The first `":{` ends the name unless its quote is escaped; then the name does not parse and the slow way runs.
  const split = line.indexOf('":{');
  if (line.startsWith('"') && split > 0 && line.endsWith('}', end)) {
    try {
      const name = JSON.parse(line.slice(0, split + 1)) as unknown;
      if (typeof name === 'string') return [name, JSON.parse(line.slice(split + 2, end)) as Partial<ManifestEntry>];
    } catch {
      // fall through
    }
  }
  try {
    const parsed = JSON.parse(`{${line.slice(0, end)}}`) as Record<string, Partial<ManifestEntry>>;
    const names = Object.keys(parsed);
    return names.length === 1 ? [names[0]!, parsed[names[0]!]] : undefined;
  } catch {
    return undefined;
  }
}

/** The `files` of a whole-JSON clinic-seo manifest, or undefined. */
async function readJsonFiles(file: string): Promise<Record<string, Partial<ManifestEntry>> | undefined> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as { tool?: unknown; version?: unknown; files?: unknown };
    const ours = value.tool === 'clinic-seo' && value.version === 1 && value.files && typeof value.files === 'object' && !Array.isArray(value.files);
    return ours ? (value.files as Record<string, Partial<ManifestEntry>>) : undefined;
  } catch {
    return undefined;
  }
}
