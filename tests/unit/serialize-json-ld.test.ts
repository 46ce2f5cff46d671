import { describe, expect, it } from 'vitest';
import { serializeJsonLd } from '../../src/core/jsonld/serialize-json-ld.js';

describe('serializeJsonLd', () => {
  it('escapes every character that could end or confuse a script element', () => {
    const value = { name: '</script><script>alert(1)</script> <!-- & \u2028 \u2029' };
    const text = serializeJsonLd(value);
    expect(text).toBe('{"name":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u003c!-- \\u0026 \\u2028 \\u2029"}');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('leaves other Unicode as it is', () => {
    const value = { name: 'Clínica 腰痛 عيادة 🦴 "quoted"' };
    expect(serializeJsonLd(value)).toBe(JSON.stringify(value));
  });
});
