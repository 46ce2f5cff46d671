import type { Finding } from './finding.js';
import { asList, typesOf, type AuditPage, type JsonLdNode, type SiteSnapshot } from './snapshot.js';
import type { Vocabulary } from './vocabulary.js';

/** Pages whose main text shares at least this share of 5-word shingles are near-duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;
const SHINGLE = 5;
const HASHES = 64;
const BANDS = 16;

/**
 * Rule 7: doorway risk. Near-duplicate pages (MinHash over 5-word shingles of the main text, with LSH so large
 * sites need no all-pairs comparison) are warnings; location pages whose text is the same once the location's
 * own name, city, address and phone are taken out are errors.
 */
export function checkDoorways(site: SiteSnapshot, vocabulary: Vocabulary): Finding[] {
  const pages = site.pages.filter((page) => !page.noindex);
  const shingles = pages.map((page) => shingleSet(page.mainText));
  const signatures = shingles.map(minHash);
  const findings: Finding[] = [];
  for (const [a, b] of candidatePairs(signatures)) {
    const similarity = jaccard(shingles[a]!, shingles[b]!);
    if (similarity < NEAR_DUPLICATE_THRESHOLD) continue;
    findings.push({
      rule: 'near-duplicate', severity: 'warning', page: pages[a]!.path,
      message: `the main text is ${Math.round(similarity * 100)}% the same as ${pages[b]!.path}`,
      fix: 'make each page worth its own visit (specific details, questions patients ask), or merge the pages',
    });
  }

  const byTemplate = new Map<string, AuditPage[]>();
  for (const page of pages) {
    const clinics = page.nodes.filter((node) => typesOf(node).some((type) => vocabulary.isType(type) && vocabulary.isA(type, 'LocalBusiness')));
    if (clinics.length !== 1) continue;
    const key = withoutLocation(page.mainText, clinics[0]!);
    byTemplate.set(key, [...(byTemplate.get(key) ?? []), page]);
  }
  for (const group of byTemplate.values()) {
    if (group.length < 2) continue;
    for (const page of group) {
      findings.push({
        rule: 'doorway', severity: 'error', page: page.path,
        message: `the page differs from ${group.filter((other) => other !== page).map((other) => other.path).join(', ')} only by the location's name, city, address or phone`,
        fix: 'add what is specific to this location (description, hours, team, directions, photos), or do not build these pages',
      });
    }
  }
  return findings;
}

/** The text with the location's own details replaced by one placeholder. */
function withoutLocation(text: string, clinic: JsonLdNode): string {
  const address = (asList(clinic.address)[0] ?? {}) as JsonLdNode;
  const specifics = [clinic.name, address.streetAddress, address.addressLocality, address.addressRegion, address.postalCode, address.addressCountry]
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
    .sort((a, b) => b.length - a.length);
  let result = text.toLowerCase();
  for (const specific of specifics) result = result.split(specific.toLowerCase()).join('§');
  return result.replace(/\+?[\d()][\d()\s.-]{6,}\d/g, '§').replace(/\s+/g, ' ');
}

function shingleSet(text: string): Set<number> {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const result = new Set<number>();
  for (let i = 0; i + SHINGLE <= Math.max(words.length, SHINGLE); i++) result.add(hash(words.slice(i, i + SHINGLE).join(' '), 0));
  return result;
}

function minHash(set: Set<number>): Uint32Array {
  const signature = new Uint32Array(HASHES).fill(0xffffffff);
  for (const value of set) {
    for (let i = 0; i < HASHES; i++) {
      const mixed = mix(value, i);
      if (mixed < signature[i]!) signature[i] = mixed;
    }
  }
  return signature;
}

/** Pairs whose signatures agree on every row of at least one band (locality-sensitive hashing). */
function candidatePairs(signatures: Uint32Array[]): [number, number][] {
  const rows = HASHES / BANDS;
  const pairs = new Set<string>();
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((signature, index) => {
      const key = Array.from(signature.subarray(band * rows, (band + 1) * rows)).join(',');
      buckets.set(key, [...(buckets.get(key) ?? []), index]);
    });
    for (const bucket of buckets.values()) {
      for (let i = 0; i < bucket.length; i++) for (let j = i + 1; j < bucket.length; j++) pairs.add(`${bucket[i]},${bucket[j]}`);
    }
  }
  return [...pairs].map((pair) => pair.split(',').map(Number) as [number, number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

function jaccard(a: Set<number>, b: Set<number>): number {
  let shared = 0;
  for (const value of a) if (b.has(value)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** FNV-1a: a fast, stable string hash. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The i-th hash function of MinHash, derived from one 32-bit hash. */
function mix(value: number, i: number): number {
  let h = (value ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
