import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PageLedger } from '../../src/io/page-ledger.js';

const sha1 = (text: string) => createHash('sha1').update(text).digest('base64url');
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

describe('the page ledger', () => {
  it('gives back exactly what was recorded for each page, in any order of recording', () => {
    const ledger = new PageLedger(4);
    const entries = [
      { input: sha1('a'), written: true },
      { hash: sha256('b'), input: sha1('b'), written: false },
      { hash: sha256('c'), input: sha1('c'), written: true },
      { input: sha1('d'), written: false },
    ];
    for (const ordinal of [2, 0, 3, 1]) ledger.record(ordinal, entries[ordinal]!);
    expect([0, 1, 2, 3].map((ordinal) => ledger.get(ordinal))).toEqual(entries);
    expect([0, 1, 2, 3].map((ordinal) => ledger.written(ordinal))).toEqual([true, false, true, false]);
  });

  it('does not store a hash recorded as the last build’s, and takes it from the last manifest’s entry', () => {
    const ledger = new PageLedger(2);
    ledger.record(0, { input: sha1('a'), written: false, hashAsBefore: true });
    ledger.record(1, { input: sha1('b'), written: false });
    expect(ledger.get(0, { hash: sha256('a') })).toEqual({ hash: sha256('a'), input: sha1('a'), written: false });
    expect(ledger.get(1, { hash: sha256('b') })).toEqual({ input: sha1('b'), written: false });
    expect(() => ledger.get(0)).toThrow(/last build's hash, which was not given/);
    // No page needed a hash of its own: the 32 bytes a page are never allocated.
    expect((ledger as unknown as { hashes?: Buffer }).hashes).toBeUndefined();
  });

  it('refuses a page recorded twice, a page never recorded, and a hash it cannot store', () => {
    const ledger = new PageLedger(2);
    ledger.record(0, { input: sha1('a'), written: true });
    expect(() => ledger.record(0, { input: sha1('a'), written: true })).toThrow(/recorded twice/);
    expect(() => ledger.get(1)).toThrow(/never recorded/);
    expect(() => ledger.record(1, { input: 'short', written: true })).toThrow(/not a page input hash/);
    expect(() => ledger.record(1, { input: sha1('b'), hash: sha1('b'), written: true })).toThrow(/not a content hash/);
  });
});

describe('a location record hash', () => {
  it('is the same for the same record however V8 stored its arrays', async () => {
    const { recordHash } = await import('../../src/io/site-store-format.js');
    const { loadDataset } = await import('../../src/io/load-dataset.js');
    const { normalizeDataset } = await import('../../src/core/normalize.js');
    const { FIXTURES } = await import('../helpers/build.js');
    const location = normalizeDataset((await loadDataset(`${FIXTURES}/multi-location`)).dataset).locations[0]!;
    // The same rows, in an array first made with a hole: V8 serializes it in another format.
    const holey: typeof location.hoursTable = [];
    holey[location.hoursTable.length - 1] = location.hoursTable.at(-1)!;
    location.hoursTable.slice(0, -1).forEach((row, index) => (holey[index] = row));
    const { serialize } = await import('node:v8');
    expect(serialize({ ...location, hoursTable: holey }).equals(serialize(location))).toBe(false);
    expect(recordHash({ ...location, hoursTable: holey })).toBe(recordHash(location));
  });
});
