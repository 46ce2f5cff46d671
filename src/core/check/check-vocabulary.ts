import type { Finding } from './finding.js';
import { pagesAbout } from './node-pages.js';
import { asList, typesOf, type JsonLdNode, type SiteSnapshot } from './snapshot.js';
import type { Vocabulary } from './vocabulary.js';

const TEXT_TYPES = ['Text', 'URL', 'Date', 'DateTime', 'Time', 'CssSelectorType', 'XPathType', 'PronounceableText'];
const NUMBER_TYPES = ['Number', 'Float', 'Integer'];

/**
 * Rule 2: every @type and property is a real schema.org term, each property is used within its domain
 * (error), each value fits the property's range (warning), and pending terms are noted.
 */
export function checkVocabulary(site: SiteSnapshot, vocabulary: Vocabulary): Finding[] {
  const reported = new Map<string, Finding>();
  const pageAbout = pagesAbout(site);
  for (const page of site.pages) {
    const byId = new Map(page.nodes.filter((node) => typeof node['@id'] === 'string').map((node) => [node['@id'] as string, node]));
    /**
     * The same node on many pages is reported once: on the page it is about (see pagesAbout) when the problem
     * is there too, else on the first page it is found on. A pending term is reported once for the site.
     */
    const reportOnce = (finding: Finding, about: string) => {
      const key = finding.rule === 'schema-pending' ? finding.message : `${finding.rule}|${finding.node ?? page.path}|${finding.element}|${finding.message}`;
      const first = reported.get(key);
      if (!first || (finding.rule !== 'schema-pending' && first.page !== about && finding.page === about)) reported.set(key, finding);
    };
    const visit = (node: JsonLdNode, owner: string | undefined, ownerAbout: string) => {
      const types = typesOf(node);
      const nodeId = typeof node['@id'] === 'string' ? node['@id'] : owner;
      const about = typeof node['@id'] === 'string' ? pageAbout(node['@id'], node, page) : ownerAbout;
      const report = (finding: Finding) => reportOnce(finding, about);
      const where = { page: page.path, ...(nodeId ? { node: nodeId } : {}) };
      for (const type of types) {
        if (!vocabulary.isType(type)) {
          report({ rule: 'schema-type', severity: 'error', ...where, element: '@type', message: `"${type}" is not a schema.org type`,
            fix: 'use a type listed on schema.org; check the spelling and capitals' });
        } else if (vocabulary.isPending(type)) {
          report({ rule: 'schema-pending', severity: 'note', ...where, element: '@type', message: `"${type}" is a pending schema.org term`,
            fix: 'pending terms may change; search engines may ignore them until they are adopted' });
        }
      }
      const knownTypes = types.filter((type) => vocabulary.isType(type));
      for (const [property, value] of Object.entries(node)) {
        if (property.startsWith('@')) continue;
        if (!vocabulary.isProperty(property)) {
          report({ rule: 'schema-property', severity: 'error', ...where, element: property, message: `"${property}" is not a schema.org property`,
            fix: 'remove it or use the schema.org property it was meant to be' });
          continue;
        }
        if (vocabulary.isPending(property)) {
          report({ rule: 'schema-pending', severity: 'note', ...where, element: property, message: `"${property}" is a pending schema.org term`,
            fix: 'pending terms may change; search engines may ignore them until they are adopted' });
        }
        if (knownTypes.length > 0 && !knownTypes.some((type) => vocabulary.allows(type, property))) {
          report({ rule: 'schema-domain', severity: 'error', ...where, element: property,
            message: `"${property}" cannot be used on ${knownTypes.join(' + ')}`,
            fix: `move it to a type whose properties include ${property}, or remove it` });
        }
        for (const item of asList(value)) {
          const problem = rangeProblem(item, vocabulary.rangeOf(property), vocabulary, byId);
          if (problem) {
            report({ rule: 'schema-range', severity: 'warning', ...where, element: property, message: problem,
              fix: `give a value of type ${vocabulary.rangeOf(property).join(' or ')}` });
          }
          if (item && typeof item === 'object' && !Array.isArray(item) && '@type' in item) visit(item as JsonLdNode, nodeId, about);
        }
      }
    };
    for (const node of page.nodes) visit(node, undefined, page.path);
  }
  return [...reported.values()];
}

/** Why a value does not fit a range, or undefined when it fits. */
function rangeProblem(value: unknown, range: string[], vocabulary: Vocabulary, byId: Map<string, JsonLdNode>): string | undefined {
  if (range.length === 0) return undefined;
  const enumerations = range.filter((type) => vocabulary.isEnumeration(type));
  const classes = range.filter((type) => vocabulary.isType(type) && !vocabulary.isEnumeration(type));
  if (typeof value === 'string') {
    if (enumerations.length > 0) {
      const member = value.replace(/^https?:\/\/schema\.org\//, '');
      if (vocabulary.enumerationsOf(member).some((enumeration) => enumerations.includes(enumeration))) return undefined;
      if (!range.some((type) => TEXT_TYPES.includes(type))) return `"${value}" is not a member of ${enumerations.join(' or ')}`;
    }
    if (range.some((type) => TEXT_TYPES.includes(type))) return undefined;
    // An absolute URL where an entity is expected refers to that entity (Google documents this for `item`).
    if (classes.length > 0 && /^https?:\/\//.test(value)) return undefined;
    return `the text "${truncate(value)}" is given where ${range.join(' or ')} is expected`;
  }
  if (typeof value === 'number') return range.some((type) => NUMBER_TYPES.includes(type)) ? undefined : `the number ${value} is given where ${range.join(' or ')} is expected`;
  if (typeof value === 'boolean') return range.includes('Boolean') ? undefined : `${value} is given where ${range.join(' or ')} is expected`;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const object = value as JsonLdNode;
    const target = Object.keys(object).length === 1 && typeof object['@id'] === 'string' ? byId.get(object['@id']) : object;
    if (!target) return undefined; // a reference to another page's node: checked there
    const types = typesOf(target);
    if (types.length === 0) return 'an object without @type is given';
    const fits = types.some((type) => range.some((expected) => vocabulary.isA(type, expected)));
    return fits ? undefined : `a ${types.join(' + ')} is given where ${range.join(' or ')} is expected`;
  }
  return undefined;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
