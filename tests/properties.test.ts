import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../src/build.js';
import { UserError } from '../src/core/problems.js';
import { FIXTURES, listFiles, tempDir } from './helpers/build.js';
import { writeData, type DataSpec } from './helpers/write-data.js';

/**
 * Property: whatever the data, a build either writes output that parses (every page as HTML with exactly one
 * JSON-LD block that JSON.parse accepts, the sitemap as well-formed XML) or fails with a UserError. Never
 * another exception.
 */
async function buildOutcome(dataDir: string): Promise<'built' | 'rejected'> {
  const outDir = path.join(await tempDir(), 'out');
  try {
    await buildSite({ dataDir, outDir, now: new Date('2026-11-27T00:00:00Z') });
  } catch (error) {
    if (error instanceof UserError) {
      expect(error.problems.length).toBeGreaterThan(0);
      return 'rejected';
    }
    throw error;
  }
  for (const file of await listFiles(outDir)) {
    const text = await readFile(path.join(outDir, file), 'utf8');
    if (file.endsWith('.html')) {
      const $ = cheerio.load(text);
      const scripts = $('script');
      expect(scripts.length, file).toBe(1);
      expect(JSON.parse(scripts.text())['@context'], file).toBe('https://schema.org');
      expect($('h1').length, file).toBe(1);
    }
    if (file.endsWith('.xml')) expect(XMLValidator.validate(text), file).toBe(true);
  }
  return 'built';
}

const HOSTILE = [
  '</script><script>alert(1)</script>', '<!--', '"\'><img src=x onerror=alert(1)>', '\u2028\u2029', '🦴👩‍⚕️', 'Ünïcödé',
  '東京', 'عيادة', '{{content}}', '{{{jsonLd}}}', '../../etc/passwd', 'javascript:alert(1)', '\0', ' ', '-', '',
];
const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(...HOSTILE), fc.lorem({ maxCount: 3 }));
/** Names: any non-blank text, hostile strings included (all valid). */
const name = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.constantFrom(...HOSTILE.filter((h) => h.trim())), fc.lorem({ maxCount: 3 }))
  .filter((value) => value.trim() !== '' && !value.includes('\0'));
const anything = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 2 }));
/** Mostly a valid value, sometimes anything at all: valid data builds, broken data is rejected. */
const mostly = <T>(valid: fc.Arbitrary<T>, wild: fc.Arbitrary<unknown> = anything) =>
  fc.oneof({ weight: 12, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: wild });
const time = mostly(fc.constantFrom('08:00', '12:00', '13:30', '17:00', '23:59', '00:00'));

const locationArb = (serviceSlugs: string[]) =>
  fc.record(
    {
      name: mostly(name),
      slug: mostly(fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}$/)),
      address: mostly(fc.record(
        {
          streetAddress: mostly(name),
          addressLocality: mostly(name),
          addressRegion: mostly(fc.constantFrom('NE', 'TX', 'CO')),
          postalCode: mostly(fc.constantFrom('68847', '80202', '78701-1234')),
          addressCountry: mostly(fc.constant('US')),
        },
        { requiredKeys: ['addressLocality', 'addressRegion', 'addressCountry'] },
      )),
      telephone: mostly(fc.constantFrom('(308) 555-0100', '402-555-0134', '+1 512 555 0161')),
      geo: mostly(fc.record({ latitude: fc.double({ min: 30, max: 45, noNaN: true }), longitude: fc.double({ min: -110, max: -80, noNaN: true }) })),
      openingHours: mostly(fc.array(fc.record({ days: mostly(fc.constantFrom('Monday-Friday', 'Saturday', ['Su', 'Tu'])), opens: time, closes: time }), { maxLength: 2 })),
      specialHours: mostly(fc.array(fc.record({ date: mostly(fc.constantFrom('2026-12-25', '2027-01-01')), closed: mostly(fc.constant(true)) }), { maxLength: 2 })),
      services: mostly(fc.subarray(serviceSlugs)),
      isAcceptingNewPatients: mostly(fc.boolean()),
      areaServed: mostly(fc.array(name, { maxLength: 2 })),
      description: mostly(name),
    },
    { requiredKeys: ['name', 'address', 'telephone'] },
  );

const specArb: fc.Arbitrary<DataSpec> = fc
  .record({
    serviceSlugs: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 3 }),
    conditionSlugs: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 3 }),
  })
  .chain(({ serviceSlugs, conditionSlugs }) =>
    fc.record({
      site: fc.record({
        baseUrl: mostly(fc.constantFrom('https://a.example', 'https://a.example/sub/', 'http://localhost:8080')),
        name: mostly(name),
        language: mostly(fc.constantFrom('en-US', 'fr', 'ar-EG')),
        organization: fc.record({ name: mostly(name) }),
      }),
      locations: fc.array(locationArb(serviceSlugs), { maxLength: 3 }),
      services: fc.tuple(...serviceSlugs.map((serviceSlug) =>
        fc.record({
          name: mostly(name),
          slug: fc.constant(serviceSlug),
          type: mostly(fc.constantFrom('MedicalTherapy', 'PhysicalTherapy', 'OccupationalTherapy')),
          conditions: mostly(fc.subarray(conditionSlugs)),
          description: mostly(name),
          body: fc.oneof(text, fc.lorem({ mode: 'sentences', maxCount: 5 })),
        }, { requiredKeys: ['name', 'slug', 'body'] }))),
      conditions: fc.tuple(...conditionSlugs.map((conditionSlug) =>
        fc.record({ name: mostly(name), slug: fc.constant(conditionSlug), alternateName: mostly(fc.array(name, { maxLength: 2 })), body: text },
          { requiredKeys: ['name', 'slug', 'body'] }))),
    }) as fc.Arbitrary<DataSpec>,
  );

describe('property: random data builds into parseable output or fails with a user error', () => {
  it('holds for random data sets', async () => {
    const outcomes = { built: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(specArb, async (spec) => {
        outcomes[await buildOutcome(await writeData(spec))]++;
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
    // Both paths must really be exercised, or the property says little.
    expect(outcomes.built).toBeGreaterThan(0);
    expect(outcomes.rejected).toBeGreaterThan(0);
  });
});

/** A random edit to a file's text, as a hurried marketer might make it. */
const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(text, fc.constantFrom(':', '- ', '  ', '"', '[', '{', '---', '#', '\t', '&a', '*a', '!!binary')) }),
  fc.record({ kind: fc.constant('replace-value' as const), at: fc.nat(), text: fc.oneof(text, fc.constantFrom('[]', '{}', '~', '-1', '1e999', 'true', '"x"')) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutationArb extends fc.Arbitrary<infer T> ? T : never;

function mutate(source: string, mutation: Mutation): string {
  const lines = source.split('\n');
  const line = mutation.at % Math.max(lines.length, 1);
  switch (mutation.kind) {
    case 'delete-line':
      return lines.filter((_, index) => index !== line).join('\n');
    case 'duplicate-line':
      return [...lines.slice(0, line + 1), lines[line], ...lines.slice(line + 1)].join('\n');
    case 'insert': {
      const at = mutation.at % (source.length + 1);
      return source.slice(0, at) + mutation.text + source.slice(at);
    }
    case 'replace-value':
      lines[line] = (lines[line] ?? '').replace(/:\s.*$/, `: ${mutation.text}`);
      return lines.join('\n');
    case 'truncate':
      return source.slice(0, mutation.at % (source.length + 1));
  }
}

describe('property: random edits of valid data build into parseable output or fail with a user error', () => {
  it('holds for the multi-location fixture', async () => {
    const fixture = path.join(FIXTURES, 'multi-location');
    const files = (await listFiles(fixture)).filter((file) => /\.(ya?ml|md)$/.test(file));
    const outcomes = { built: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...files), mutationArb), { minLength: 1, maxLength: 4 }), async (edits) => {
        const dataDir = path.join(await tempDir(), 'data');
        await cp(fixture, dataDir, { recursive: true });
        for (const [file, mutation] of edits) {
          const target = path.join(dataDir, file);
          await writeFile(target, mutate(await readFile(target, 'utf8'), mutation));
        }
        outcomes[await buildOutcome(dataDir)]++;
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
    expect(outcomes.built).toBeGreaterThan(0);
    expect(outcomes.rejected).toBeGreaterThan(0);
    expect(await readdir(fixture)).toContain('site.yaml');
  });
});
