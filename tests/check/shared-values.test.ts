import { describe, expect, it } from 'vitest';
import { sharedValues } from '../../src/core/check/shared-values.js';
import { parsePage } from '../../src/core/check/snapshot.js';

const BASE = 'https://clinic.example';
const organization = { '@type': 'Organization', '@id': `${BASE}/#organization`, name: 'Check Clinic', address: { '@type': 'PostalAddress', addressLocality: 'Kearney' } };
const page = (path: string, extra: object) =>
  `<!doctype html><html lang="en"><head><title>${path}</title><script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@graph': [organization, { '@type': 'WebPage', '@id': `${BASE}${path}#webpage`, ...extra }],
  })}</script></head><body><a href="/">Home</a><a href="${path}">Here</a></body></html>`;

describe('values shared between the pages of a snapshot', () => {
  it('are one object for equal JSON-LD nodes and equal links, and stay apart when they differ', () => {
    const shared = sharedValues();
    const a = parsePage('a/index.html', page('/a/', { name: 'A' }), BASE, shared);
    const b = parsePage('b/index.html', page('/b/', { name: 'B' }), BASE, shared);
    expect(a.nodes[0]).toBe(b.nodes[0]);
    expect(a.nodes[0]).toEqual(organization);
    expect(a.nodes[1]).not.toBe(b.nodes[1]);
    expect([a.nodes[1]!.name, b.nodes[1]!.name]).toEqual(['A', 'B']);
    // The block's graph holds the shared node too, so the page's own copy is not kept.
    expect((a.blocks[0]!.value as { '@graph': object[] })['@graph'][0]).toBe(a.nodes[0]);
    expect(a.links[0]).toBe(b.links[0]);
    expect(a.links[1]).not.toBe(b.links[1]);
  });

  it('share a node only when its JSON is the same as one seen before', () => {
    const shared = sharedValues();
    const first = shared.node({ '@id': 'x', name: 'One', sameAs: ['a', 'b'] });
    expect(shared.node({ name: 'One', sameAs: ['a', 'b'], '@id': 'x' })).not.toBe(first); // other JSON text: not looked up as the same
    expect(shared.node({ '@id': 'x', name: 'One', sameAs: ['a', 'b'] })).toBe(first);
    expect(shared.node({ '@id': 'x', name: 'One', sameAs: ['a', 'c'] })).not.toBe(first);
  });
});
