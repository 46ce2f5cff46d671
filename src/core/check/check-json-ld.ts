import type { Finding } from './finding.js';
import { asList, type AuditPage, type JsonLdNode, type SiteSnapshot } from './snapshot.js';

const CONTEXTS = new Set(['https://schema.org', 'https://schema.org/', 'http://schema.org', 'http://schema.org/']);

/** Rule 1: every block parses, uses the schema.org context, every reference resolves, and ids are consistent. */
export function checkJsonLd(site: SiteSnapshot): Finding[] {
  const findings: Finding[] = [];
  // A node many pages repeat is one object (see SharedValues): its references are listed once, and a node met
  // again as the same object needs no comparison. Canonical JSON is made only for an @id met as two objects.
  const firstSeen = new Map<string, { page: string; node: JsonLdNode; json?: string }>();
  const referencesOf = new Map<JsonLdNode, string[]>();
  for (const page of site.pages) {
    findings.push(...checkBlocks(page));
    const ids = new Set(page.nodes.map((node) => node['@id']).filter((id): id is string => typeof id === 'string'));
    for (const node of page.nodes) {
      const id = typeof node['@id'] === 'string' ? node['@id'] : undefined;
      let refs = referencesOf.get(node);
      if (!refs) referencesOf.set(node, (refs = references(node)));
      for (const ref of refs) {
        if (ids.has(ref) || /^https?:\/\//.test(ref)) continue;
        findings.push({
          rule: 'jsonld-reference', severity: 'error', page: page.path, ...(id ? { node: id } : {}),
          message: `the reference {"@id": "${ref}"} matches no node in this page's graph and is not an absolute URL`,
          fix: 'add the referenced node to the @graph, or refer to it by its absolute URL',
        });
      }
      if (!id) continue;
      const first = firstSeen.get(id);
      if (!first) firstSeen.set(id, { page: page.path, node });
      else if (first.node !== node && (first.json ??= canonicalJson(first.node)) !== canonicalJson(node)) {
        findings.push({
          rule: 'jsonld-id-conflict', severity: 'error', page: page.path, node: id,
          message: `this node differs from the node with the same @id on ${first.page}`,
          fix: 'give one entity one description everywhere, or give different entities different @ids',
        });
      }
    }
  }
  return findings;
}

function checkBlocks(page: AuditPage): Finding[] {
  const findings: Finding[] = [];
  page.blocks.forEach((block, index) => {
    const element = `script[type="application/ld+json"] #${index + 1}`;
    if (block.error !== undefined) {
      findings.push(block.tooDeep
        ? { rule: 'jsonld-syntax', severity: 'error', page: page.path, element, message: `the JSON-LD is ${block.error}, and was not read further`,
          fix: 'make the graph flat: top-level nodes in @graph that refer to each other by @id' }
        : { rule: 'jsonld-syntax', severity: 'error', page: page.path, element, message: `the JSON-LD is not valid JSON (${block.error})`,
          fix: 'fix the JSON syntax; a JSON linter shows the exact spot' });
      return;
    }
    const context = (block.value as JsonLdNode | null)?.['@context'];
    if (typeof context !== 'string' || !CONTEXTS.has(context)) {
      findings.push({ rule: 'jsonld-context', severity: 'error', page: page.path, element,
        message: `the @context is ${JSON.stringify(context) ?? 'missing'}, not https://schema.org`,
        fix: 'set "@context": "https://schema.org" on the top-level object' });
    }
  });
  return findings;
}

/** Every `{"@id": ...}` reference (an object with nothing but an @id) inside a node. */
export function references(value: unknown, isRoot = true): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => references(item, false));
  if (value === null || typeof value !== 'object') return [];
  const object = value as JsonLdNode;
  const keys = Object.keys(object);
  if (!isRoot && keys.length === 1 && typeof object['@id'] === 'string') return [object['@id']];
  return keys.filter((key) => key !== '@id').flatMap((key) => asList(object[key]).flatMap((child) => references(child, false)));
}

/** JSON with sorted keys, so the same content compares equal whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
