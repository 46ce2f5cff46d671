import { describe, expect, it } from 'vitest';
import { serializeGraph, serializeJsonLd } from '../../src/core/jsonld/serialize-json-ld.js';

describe('serializeJsonLd', () => {
  it('escapes every character that could end or confuse a script element', () => {
    const value = { name: '</script><script>alert(1)</script> <!-- & \u2028 \u2029' };
    const text = serializeJsonLd(value);
    expect(text).toBe('{"name":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u003c!-- \\u0026 \\u2028 \\u2029"}');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('leaves other Unicode as it is (typographic punctuation aside, see typography.test.ts)', () => {
    const value = { name: 'Clínica 腰痛 عيادة 🦴 "quoted"' };
    expect(serializeJsonLd(value)).toBe(JSON.stringify(value));
  });
});

describe('serializeGraph', () => {
  it('gives byte for byte serializeJsonLd of the whole graph, for nodes stringified afresh or taken from the shared texts', () => {
    const shared = { '@id': 'https://a.example/#clinic', name: 'Clínica <Müller> & Söhne' };
    const serialized = new WeakMap<object, string>([[shared, serializeJsonLd(shared)]]);
    for (const graph of [
      { '@context': 'https://schema.org', '@graph': [] },
      { '@context': 'https://schema.org', '@graph': [shared] },
      { '@context': 'https://schema.org', '@graph': [shared, { '@id': 'https://a.example/x/#webpage', name: 'x \u2028' }, shared] },
    ]) {
      expect(serializeGraph(graph, serialized)).toBe(serializeJsonLd(graph));
      expect(serializeGraph(graph, new WeakMap())).toBe(serializeJsonLd(graph));
    }
  });
});
