import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { generateVocabulary, OUTPUT } from '../../scripts/generate-vocabulary.mjs';
import { ROOT } from '../helpers/build.js';
import { vocabulary } from './fixture-site.js';

describe('the shipped vocabulary', () => {
  it('is exactly what the pinned schema-dts generates (run `npm run vocabulary` after upgrading it)', () => {
    expect(readFileSync(OUTPUT as string, 'utf8')).toBe(`${JSON.stringify(generateVocabulary())}\n`);
  });

  it('answers type, domain, range and enumeration questions', () => {
    expect(vocabulary.isA('MedicalClinic', 'LocalBusiness')).toBe(true);
    expect(vocabulary.isA('PhysicalTherapy', 'MedicalTherapy')).toBe(true);
    expect(vocabulary.allows('MedicalClinic', 'availableService')).toBe(true);
    expect(vocabulary.allows('MedicalClinic', 'telephone')).toBe(true);
    expect(vocabulary.allows('MedicalCondition', 'telephone')).toBe(false);
    expect(vocabulary.rangeOf('possibleTreatment')).toContain('MedicalTherapy');
    expect(vocabulary.enumerationsOf('Physiotherapy')).toContain('MedicalSpecialty');
  });
});

const RELEASE = path.resolve(ROOT, '../shared/schemaorg/schemaorg-current-https.jsonld');
describe.skipIf(!existsSync(RELEASE))(`cross-check with the official schema.org release (${existsSync(RELEASE) ? '../shared' : 'skipped: ../shared/schemaorg is absent'})`, () => {
  interface Term { '@id': string; '@type': string | string[]; 'schema:isPartOf'?: { '@id': string }; 'schema:supersededBy'?: unknown; 'schema:domainIncludes'?: { '@id': string } | { '@id': string }[] }
  const terms = () => (JSON.parse(readFileSync(RELEASE, 'utf8'))['@graph'] as Term[]);
  const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

  it('knows nearly every current class and property of the release', () => {
    const current = terms().filter((term) => !term['schema:supersededBy'] && term['@id'].startsWith('schema:'));
    const classes = current.filter((term) => list(term['@type']).includes('rdfs:Class')).map((term) => term['@id'].slice(7));
    const properties = current.filter((term) => list(term['@type']).includes('rdf:Property')).map((term) => term['@id'].slice(7));
    const missingClasses = classes.filter((name) => !vocabulary.isType(name) && !vocabulary.isDataType(name) && !vocabulary.isEnumeration(name));
    const missingProperties = properties.filter((name) => !vocabulary.isProperty(name));
    expect(missingClasses.length / classes.length).toBeLessThan(0.03);
    expect(missingProperties.length / properties.length).toBeLessThan(0.03);
  });

  it('agrees with the release on the domains of the properties clinic-seo writes', () => {
    const byId = new Map(terms().map((term) => [term['@id'], term]));
    const used = ['name', 'url', 'telephone', 'address', 'geo', 'hasMap', 'openingHoursSpecification', 'medicalSpecialty', 'availableService',
      'parentOrganization', 'areaServed', 'image', 'procedureType', 'relevantSpecialty', 'bodyLocation', 'possibleTreatment', 'alternateName',
      'about', 'mainEntity', 'isPartOf', 'breadcrumb', 'itemListElement', 'inLanguage', 'publisher', 'logo', 'sameAs'];
    for (const property of used) {
      for (const domain of list(byId.get(`schema:${property}`)?.['schema:domainIncludes']).map((entry) => entry['@id'].slice(7))) {
        if (vocabulary.isType(domain)) expect(vocabulary.allows(domain, property), `${property} on ${domain}`).toBe(true);
      }
    }
  });

  it('lists as pending only terms the release marks pending', () => {
    const byId = new Map(terms().map((term) => [term['@id'], term]));
    for (const term of vocabulary.data.pending) expect(byId.get(`schema:${term}`)?.['schema:isPartOf']?.['@id'], term).toBe('https://pending.schema.org');
  });
});
