import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSiteDir } from '../../src/io/read-site-dir.js';
import { buildInto, FIXTURES } from '../helpers/build.js';

describe('reading a built site for check', () => {
  it('parses pages in worker threads into the same snapshot, in order, with repeated nodes and links shared', async () => {
    const { outDir } = await buildInto(path.join(FIXTURES, 'multi-location'));
    const inThisThread = await readSiteDir(outDir, { threads: 0 });
    const progress: number[] = [];
    const inThreads = await readSiteDir(outDir, { threads: 2, pagesPerBatch: 3, onPage: (done) => progress.push(done) });
    expect(inThisThread.pages.length).toBeGreaterThan(6);
    expect(inThreads.pages.map((page) => page.file)).toEqual(inThisThread.pages.map((page) => page.file));
    expect(inThreads).toEqual(inThisThread);
    expect(progress).toEqual(Array.from({ length: inThreads.pages.length + 1 }, (_, index) => index));

    // The organization's node and the home link come from different batches and threads, yet are one object each.
    const organization = (page: (typeof inThreads.pages)[number]) => page.nodes.find((node) => node['@type'] === 'MedicalOrganization' || node['@type'] === 'Organization');
    const [first, last] = [inThreads.pages[0]!, inThreads.pages.at(-1)!];
    expect(organization(first)).toBeDefined();
    expect(organization(last)).toBe(organization(first));
    // The worker path itself, called directly: the same pages as parsed in this thread.
    const { readPagesInThreads } = await import('../../src/io/read-pages-in-threads.js');
    const { sharedValues } = await import('../../src/core/check/shared-values.js');
    const { loadVocabulary } = await import('../../src/io/load-vocabulary.js');
    const localBusinessTypes = (await loadVocabulary()).typesThatAre('LocalBusiness');
    const files = inThisThread.pages.map((page) => page.file);
    expect(await readPagesInThreads({ dir: outDir, baseUrl: inThisThread.baseUrl, localBusinessTypes }, files, { threads: 2, pagesPerBatch: 4 }, sharedValues())).toEqual(inThisThread.pages);
    const homeLink = (page: typeof first) => page.links.find((link) => link.tag === 'a' && /\/$/.test(link.target));
    expect(homeLink(first)).toBeDefined();
    expect(homeLink(last)).toBe(homeLink(first));
  });
});
