import { inOneByte, TYPOGRAPHIC_CHARACTERS, TYPOGRAPHIC_REFERENCES } from '../typography.js';

/**
 * The one way JSON-LD reaches HTML: characters that could end or confuse a script element are escaped, and
 * typographic punctuation is written as `\u` escapes, to keep pages in one byte per character (see typography.ts).
 */
const UNSAFE = new RegExp(`[<>&\u2028\u2029${TYPOGRAPHIC_CHARACTERS}]`, 'g');
const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
  ...Object.fromEntries(Object.keys(TYPOGRAPHIC_REFERENCES).map((char) => [char, `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`])),
};

/** JSON text safe to place inside `<script type="application/ld+json">`; `JSON.parse` gives back the same value. */
export function serializeJsonLd(value: unknown): string {
  const json = JSON.stringify(value);
  // Most nodes have nothing to escape; testing first avoids the replace callback on every page.
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(json) ? inOneByte(json.replace(UNSAFE, (char) => ESCAPES[char]!)) : json;
}

/**
 * A page's `{"@context", "@graph"}` document, byte for byte what serializeJsonLd(graph) gives, but with the
 * text of each shared node (the clinic, a therapy, a condition) taken from `serialized` (see PlanContext).
 */
export function serializeGraph(graph: { '@context': string; '@graph': object[] }, serialized: WeakMap<object, string>): string {
  // Concatenated, not joined: measured on a 110,000-page build, joining made each render worker's garbage
  // collections take about half a second longer (a fifth more scavenges, and full collections three times as
  // long). Concatenation only links the node texts instead of copying them into a new flat string.
  let json = `{"@context":${JSON.stringify(graph['@context'])},"@graph":[`;
  graph['@graph'].forEach((node, index) => {
    const text = serialized.get(node) ?? serializeJsonLd(node);
    json += index === 0 ? text : `,${text}`;
  });
  return `${json}]}`;
}
