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
  return JSON.stringify(value).replace(UNSAFE, (char) => ESCAPES[char]!);
}
