import { asList, type JsonLdNode } from './json-ld-node.js';

/** Words in a shingle: near-duplicates are told by the share of 5-word runs two texts have in common. */
const SHINGLE = 5;

/** The distinct hashes of the text's 5-word shingles, sorted: a tenth of the memory of a Set. */
export function shingles(text: string): Uint32Array {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const hashes = new Uint32Array(Math.max(words.length - SHINGLE + 1, 1));
  for (let i = 0; i < hashes.length; i++) hashes[i] = fnv1a(words.slice(i, i + SHINGLE).join(' '));
  hashes.sort();
  let distinct = 0;
  for (let i = 0; i < hashes.length; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[distinct++] = hashes[i]!;
  return hashes.slice(0, distinct);
}

/** FNV-1a: a fast, stable 32-bit string hash. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The text with a local business's own details (name, address, phone numbers) replaced by one placeholder. */
export function withoutLocation(text: string, business: JsonLdNode): string {
  const address = (asList(business.address)[0] ?? {}) as JsonLdNode;
  const specifics = [business.name, address.streetAddress, address.addressLocality, address.addressRegion, address.postalCode, address.addressCountry]
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
    .sort((a, b) => b.length - a.length);
  let result = text.toLowerCase();
  for (const specific of specifics) result = result.split(specific.toLowerCase()).join('§');
  return result.replace(/\+?[\d()][\d()\s.-]{6,}\d/g, '§').replace(/\s+/g, ' ');
}

/** A value of a local business's markup that its page does not show. */
export interface HiddenValue {
  /** The property, e.g. `address.postalCode` or `telephone`. */
  element: string;
  value: string;
}

/**
 * The name, address parts and telephone of a local business's markup that the page's visible text (and, for the
 * telephone, its `tel:` links) does not show; white space and case aside, and the telephone by its digits.
 */
export function hiddenValues(business: JsonLdNode, bodyText: string, telLinks: readonly string[]): HiddenValue[] {
  const text = normalize(bodyText);
  const address = (asList(business.address)[0] ?? {}) as JsonLdNode;
  const checks: [string, unknown][] = [
    ['name', business.name],
    ['address.streetAddress', address.streetAddress],
    ['address.addressLocality', address.addressLocality],
    ['address.postalCode', address.postalCode],
  ];
  const hidden = checks
    .filter((check): check is [string, string] => typeof check[1] === 'string' && check[1].trim() !== '' && !text.includes(normalize(check[1])))
    .map(([element, value]) => ({ element, value }));
  const phone = typeof business.telephone === 'string' ? business.telephone.replace(/\D/g, '') : '';
  const digits = bodyText.replace(/\D/g, '') + telLinks.map((href) => href.replace(/\D/g, '')).join(' ');
  if (phone && !digits.includes(phone) && !digits.includes(phone.replace(/^1/, ''))) hidden.push({ element: 'telephone', value: String(business.telephone) });
  return hidden;
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
