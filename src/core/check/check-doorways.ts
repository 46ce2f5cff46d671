import { addToGroup } from '../group-by.js';
import { someOthersOf, type Finding } from './finding.js';
import type { AuditPage, SiteSnapshot } from './snapshot.js';

/** Pages whose main text shares at least this share of 5-word shingles are near-duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;
const HASHES = 64;
const BANDS = 16;

/**
 * Rule 7: doorway risk. Near-duplicate pages (MinHash over 5-word shingles of the main text, with LSH so large
 * sites need no all-pairs comparison) are warnings; location pages whose text is the same once the location's
 * own name, city, address and phone are taken out are errors. A chain's pages about one service can be a
 * thousand near-duplicates: each page gets one finding that names the most alike page it was compared with
 * and counts its group (see nearDuplicateGroups).
 */
export function checkDoorways(site: SiteSnapshot): Finding[] {
  const pages = site.pages.filter((page) => !page.noindex);
  const findings: Finding[] = [];
  for (const group of nearDuplicateGroups(pages.map((page) => page.mainShingles))) {
    const paths = group.map(({ page }) => pages[page]!.path);
    for (const { page, closest, similarity } of group) {
      const path = pages[page]!.path;
      findings.push({
        rule: 'near-duplicate', severity: 'warning', page: path,
        message: `the main text is ${Math.round(similarity * 100)}% the same as ${pages[closest]!.path}` +
          (group.length > 2 ? `, in a group of ${group.length} pages alike one to the next (${someOthersOf(paths, path)})` : ''),
        fix: 'make each page worth its own visit (specific details, questions patients ask), or merge the pages',
      });
    }
  }

  // Keyed by a 53-bit hash of the text without the clinic's details (see BusinessText), worked out while reading.
  const byTemplate = new Map<number, AuditPage[]>();
  for (const page of pages) {
    const template = page.businesses.length === 1 ? page.businesses[0]!.template : undefined;
    if (template !== undefined) addToGroup(byTemplate, template, page);
  }
  for (const group of byTemplate.values()) {
    if (group.length < 2) continue;
    const paths = group.map((page) => page.path);
    for (const page of group) {
      const others = someOthersOf(paths, page.path);
      findings.push({
        rule: 'doorway', severity: 'error', page: page.path,
        message: `the page differs from ${group.length === 2 ? others : `${group.length - 1} other pages (${others})`} only by the location's name, city, address or phone`,
        fix: 'add what is specific to this location (description, hours, team, directions, photos), or do not build these pages',
      });
    }
  }
  return findings;
}

/** A page of a group of near-duplicates, and the page of the group it was found closest to. */
interface GroupMember {
  page: number;
  closest: number;
  similarity: number;
}

/** Pages of a bucket that joined no group, kept to compare the next pages with (the most recent ones). */
const LONERS_COMPARED = 32;

/**
 * Groups of pages whose shingles are at least NEAR_DUPLICATE_THRESHOLD alike, in page order. Candidates share
 * every row of one LSH band. Within a bucket, each page is compared with the first page of each group found so
 * far and with the last 32 pages that joined none, and joins every group it is alike to. So a bucket of 1,000
 * pages from one template costs about 1,000 comparisons, not 500,000, whether they are near-duplicates (one
 * group) or not (32 each); two alike pages with more than 32 unlike ones between them in every bucket they
 * share can be missed. A group can chain (a is like b, b like c), which suits a warning about pages made alike.
 */
function nearDuplicateGroups(sets: Uint32Array[]): GroupMember[][] {
  const signatures = sets.map(minHash);
  const parent = sets.map((_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]!]!;
    return index;
  };
  const closest = new Map<number, { page: number; similarity: number }>();
  const link = (a: number, b: number, similarity: number) => {
    parent[root(b)] = root(a);
    for (const [page, other] of [[a, b], [b, a]] as const) {
      if ((closest.get(page)?.similarity ?? -1) < similarity) closest.set(page, { page: other, similarity });
    }
  };
  const rows = HASHES / BANDS;
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((signature, index) => {
      addToGroup(buckets, signature.subarray(band * rows, (band + 1) * rows).join(','), index);
    });
    for (const bucket of buckets.values()) {
      /** The first page of each group found in the bucket, and the last pages that joined none. */
      const groupFirsts: number[] = [];
      const loners: number[] = [];
      for (const page of bucket) {
        let joined = false;
        const compare = (other: number) => {
          if (root(other) === root(page)) return (joined = true);
          const similarity = similarityAtLeast(sets[page]!, sets[other]!, NEAR_DUPLICATE_THRESHOLD);
          if (similarity < NEAR_DUPLICATE_THRESHOLD) return false;
          // A loner that matches starts a group: it becomes the group's first page.
          if (!groupFirsts.some((first) => root(first) === root(other))) groupFirsts.push(other);
          link(other, page, similarity);
          return (joined = true);
        };
        groupFirsts.forEach(compare);
        loners.forEach(compare);
        if (!joined) {
          loners.push(page);
          if (loners.length > LONERS_COMPARED) loners.shift();
        }
      }
    }
  }
  const groups = new Map<number, GroupMember[]>();
  sets.forEach((_, page) => {
    const near = closest.get(page);
    if (!near) return;
    addToGroup(groups, root(page), { page, closest: near.page, similarity: near.similarity });
  });
  return [...groups.values()];
}

function minHash(set: Uint32Array): Uint32Array {
  const signature = new Uint32Array(HASHES).fill(0xffffffff);
  for (const value of set) {
    for (let i = 0; i < HASHES; i++) {
      const mixed = mix(value, i);
      if (mixed < signature[i]!) signature[i] = mixed;
    }
  }
  return signature;
}

/**
 * The Jaccard similarity of two sorted sets (shared hashes over all hashes), or -1 when it is under `threshold`,
 * found as soon as the merge shows it cannot reach it. Most pairs a bucket offers are pages of one service, 50 to
 * 70% alike: they stop a quarter of the way through. A pair that can reach the threshold gets its exact similarity.
 */
export function similarityAtLeast(a: Uint32Array, b: Uint32Array, threshold: number): number {
  // shared / (|a| + |b| - shared) >= threshold  <=>  shared >= threshold (|a| + |b|) / (1 + threshold); the
  // margin keeps rounding from stopping a pair exactly at the threshold.
  const needed = (threshold * (a.length + b.length)) / (1 + threshold) - 1e-9;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
      continue;
    }
    if (a[i]! < b[j]!) i++;
    else j++;
    if (shared + Math.min(a.length - i, b.length - j) < needed) return -1;
  }
  const union = a.length + b.length - shared;
  const similarity = union === 0 ? 1 : shared / union;
  return similarity < threshold ? -1 : similarity;
}

/** The i-th hash function of MinHash, derived from one 32-bit hash. */
function mix(value: number, i: number): number {
  let h = (value ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
