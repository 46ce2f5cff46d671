/** The one way JSON-LD reaches HTML: characters that could end or confuse a script element are escaped. */
const UNSAFE = /[<>&\u2028\u2029]/g;
const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** JSON text safe to place inside `<script type="application/ld+json">`; `JSON.parse` gives back the same value. */
export function serializeJsonLd(value: unknown): string {
  const json = JSON.stringify(value);
  // Most nodes have nothing to escape; testing first avoids the replace callback on every page.
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(json) ? json.replace(UNSAFE, (char) => ESCAPES[char]!) : json;
}

/**
 * A page's `{"@context", "@graph"}` document, byte for byte what serializeJsonLd(graph) gives, but with each
 * shared node (the clinic, a therapy, a condition) stringified once and reused from `memo` on later pages.
 */
export function serializeGraph(graph: { '@context': string; '@graph': object[] }, memo: WeakMap<object, string>): string {
  // Concatenated, not joined: V8 puts a joined string of this size straight into the old generation, and a
  // build of 100,000 pages then spends more time in full garbage collections than in rendering.
  let json = `{"@context":${JSON.stringify(graph['@context'])},"@graph":[`;
  graph['@graph'].forEach((node, index) => {
    let text = memo.get(node);
    if (text === undefined) memo.set(node, (text = serializeJsonLd(node)));
    json += index === 0 ? text : `,${text}`;
  });
  return `${json}]}`;
}
