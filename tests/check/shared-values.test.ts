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
    const a = parsePage('a/index.html', page('/a/', { name: 'A' }), { baseUrl: BASE, localBusinessTypes: new Set() }, shared);
    const b = parsePage('b/index.html', page('/b/', { name: 'B' }), { baseUrl: BASE, localBusinessTypes: new Set() }, shared);
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

describe('what a page keeps of its text', () => {
  it('keeps, for each LocalBusiness node only, the values its text does not show and a template key, not the text', async () => {
    const { PAGE_CONTEXT, clinicNode, pageHtml } = await import('./fixture-site.js');
    const clinic = clinicNode({ address: { '@type': 'PostalAddress', streetAddress: '9 Hidden Rd', addressLocality: 'Kearney', postalCode: '68847' } });
    const nodes = [{ '@type': 'Organization', '@id': `${PAGE_CONTEXT.baseUrl}/#organization`, name: 'Nowhere Shown Inc', telephone: '+1-402-555-0199' }, clinic];
    const parsed = parsePage('a/index.html', pageHtml('/a/', { nodes }), PAGE_CONTEXT);
    expect(Object.keys(parsed)).not.toContain('mainText');
    expect(parsed.businesses).toEqual([{ node: 1, hidden: [{ element: 'address.streetAddress', value: '9 Hidden Rd' }], template: expect.any(Number) }]);
    expect(parsed.mainShingles.length).toBeGreaterThan(5);
    // The same text around another clinic's own details gives the same template key.
    const other = clinicNode({ '@id': `${PAGE_CONTEXT.baseUrl}/b/#clinic`, name: 'Other Clinic', address: { '@type': 'PostalAddress', streetAddress: '1 Main St', addressLocality: 'Hastings', postalCode: '68901' } });
    const body = (name: string, city: string) => `<h1>Therapy</h1><p>${name} in ${city} treats back pain.</p>`;
    const a = parsePage('a/index.html', pageHtml('/a/', { nodes: [clinic], body: body('Check Clinic', 'Kearney') }), PAGE_CONTEXT);
    const b = parsePage('b/index.html', pageHtml('/b/', { nodes: [other], body: body('Other Clinic', 'Hastings') }), PAGE_CONTEXT);
    expect(a.businesses[0]!.template).toBe(b.businesses[0]!.template);
    const c = parsePage('c/index.html', pageHtml('/c/', { nodes: [clinic], body: body('Check Clinic', 'Kearney').replace('back', 'knee') }), PAGE_CONTEXT);
    expect(c.businesses[0]!.template).not.toBe(a.businesses[0]!.template);
    // A page about two clinics is no one clinic's doorway page: no template.
    expect(parsePage('d/index.html', pageHtml('/d/', { nodes: [clinic, other] }), PAGE_CONTEXT).businesses.map((business) => business.template)).toEqual([undefined, undefined]);
  });
});
