import { stringHash53 } from '../string-hash.js';
import type { JsonLdNode, PageLink } from './snapshot.js';

/**
 * Values that many pages of a site repeat, kept once: the organization's JSON-LD node is on every page, a
 * therapy's on a thousand, and so are the header's and footer's links. At 11,073 pages, this and not keeping
 * the JSON-LD's text took a snapshot from 31 to 11 kilobytes a page. Checks only read what they are given, so
 * sharing is safe.
 */
export interface SharedValues {
  /** The same node as one seen before with equal JSON, or this one. */
  node(node: JsonLdNode): JsonLdNode;
  /** One object for every link with this element and target. */
  link(tag: string, target: string): PageLink;
}

export function sharedValues(): SharedValues {
  // Keyed by a 53-bit hash of the node's JSON, not the JSON itself: the key of a node no other page repeats
  // (its WebPage, its breadcrumbs) would cost as much as the node. A hit is compared in full before it is used.
  const nodes = new Map<number, JsonLdNode>();
  const links = new Map<string, PageLink>();
  return {
    node(node) {
      const key = stringHash53(JSON.stringify(node));
      const known = nodes.get(key);
      if (known !== undefined && sameJson(known, node)) return known;
      if (known === undefined) nodes.set(key, node);
      return node;
    },
    link(tag, target) {
      const key = `${tag} ${target}`;
      let link = links.get(key);
      if (!link) links.set(key, (link = { tag, target }));
      return link;
    },
  };
}

/** Whether two parsed JSON values are the same (key order aside). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
