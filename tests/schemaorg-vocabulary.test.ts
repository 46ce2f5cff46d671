import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCATION_TYPES, MEDICAL_SPECIALTIES, PROCEDURE_TYPES, SERVICE_TYPES } from '../src/core/medical-vocab.js';
import { buildInto, FIXTURES, ROOT } from './helpers/build.js';
import { crawl, type JsonNode } from './helpers/crawl.js';

/**
 * Cross-checks our JSON-LD against the official schema.org release in ../shared (tests only; the project
 * never reads it). Where ../shared is absent, the tests skip and say why.
 */
const VOCABULARY = path.resolve(ROOT, '../shared/schemaorg/schemaorg-current-https.jsonld');
const available = existsSync(VOCABULARY);

interface Term {
  '@id': string;
  '@type': string | string[];
  'rdfs:subClassOf'?: { '@id': string } | { '@id': string }[];
  'schema:domainIncludes'?: { '@id': string } | { '@id': string }[];
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
let terms: Map<string, Term>;

function superClasses(type: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const parent of list(terms.get(`schema:${name}`)?.['rdfs:subClassOf'])) visit(parent['@id'].replace('schema:', ''));
  };
  visit(type);
  return seen;
}

function isEnumerationMember(term: string, enumeration: string): boolean {
  return list(terms.get(`schema:${term}`)?.['@type']).includes(`schema:${enumeration}`);
}

describe.skipIf(!available)(`schema.org vocabulary cross-check (${available ? 'release in ../shared' : 'skipped: ../shared/schemaorg is absent'})`, () => {
  let nodes: JsonNode[];

  beforeAll(async () => {
    terms = new Map((JSON.parse(readFileSync(VOCABULARY, 'utf8'))['@graph'] as Term[]).map((term) => [term['@id'], term]));
    const sites = await Promise.all(
      [path.join(ROOT, 'data'), path.join(FIXTURES, 'multi-location')].map(async (data) => {
        const { outDir } = await buildInto(data);
        return crawl(outDir, 'https://unused.example');
      }),
    );
    nodes = sites.flatMap((site) => site.pages.flatMap((page) => page.graph));
  });

  it('uses only real types, and only properties whose domain includes the node type', () => {
    const check = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(check);
      if (value === null || typeof value !== 'object') return;
      const object = value as Record<string, unknown>;
      const types = list(object['@type'] as string | string[] | undefined);
      if (types.length > 0) {
        const ancestry = new Set(types.flatMap((type) => [...superClasses(type)]));
        for (const type of types) expect(terms.has(`schema:${type}`), `unknown type ${type}`).toBe(true);
        for (const [property, child] of Object.entries(object)) {
          if (property.startsWith('@')) continue;
          const term = terms.get(`schema:${property}`);
          expect(term, `unknown property ${property}`).toBeDefined();
          const domains = list(term!['schema:domainIncludes']).map((domain) => domain['@id'].replace('schema:', ''));
          expect(domains.some((domain) => ancestry.has(domain)), `${property} is not allowed on ${types.join('+')}`).toBe(true);
          check(child);
        }
      }
    };
    check(nodes);
  });

  it('uses real enumeration members for specialties, procedure types and days', () => {
    for (const node of nodes) {
      for (const url of list(node.medicalSpecialty as string[]).concat(list(node.relevantSpecialty as string))) {
        expect(isEnumerationMember(url.replace('https://schema.org/', ''), 'MedicalSpecialty'), url).toBe(true);
      }
      if (node.procedureType) expect(isEnumerationMember(String(node.procedureType).replace('https://schema.org/', ''), 'MedicalProcedureType')).toBe(true);
    }
  });

  it('offers only real terms in the data contract', () => {
    for (const specialty of MEDICAL_SPECIALTIES) expect(isEnumerationMember(specialty, 'MedicalSpecialty'), specialty).toBe(true);
    for (const procedure of PROCEDURE_TYPES) expect(isEnumerationMember(procedure, 'MedicalProcedureType'), procedure).toBe(true);
    for (const type of SERVICE_TYPES) expect(superClasses(type).has('MedicalProcedure'), type).toBe(true);
    for (const type of LOCATION_TYPES) {
      const ancestry = superClasses(type);
      expect(ancestry.has('MedicalBusiness') || ancestry.has('MedicalOrganization'), type).toBe(true);
    }
  });
});
