import * as cheerio from 'cheerio';
import { stringHash53 } from '../string-hash.js';
import { pageElements, type DomNode } from './page-elements.js';
import { hiddenValues, shingles, withoutLocation, type HiddenValue } from './page-text.js';
import { asList, typesOf, type JsonLdNode } from './json-ld-node.js';
import { sharedValues, type SharedValues } from './shared-values.js';

// Where the checks have always found them.
export { asList, typesOf, type JsonLdNode };

/** One `<script type="application/ld+json">` block. */
export interface JsonLdBlock {
  /** The parsed value, or undefined when it is not valid JSON or nested too deep (see `error`). */
  value?: unknown;
  error?: string;
  /** Set when the JSON is valid but nested deeper than MAX_JSON_LD_DEPTH, and so not read further. */
  tooDeep?: true;
}

/**
 * JSON-LD nested deeper than this is reported and not read: a page's graph needs a few levels, and a hostile page
 * nested thousands deep overflowed the stack of the checks (or of a message between threads).
 */
export const MAX_JSON_LD_DEPTH = 500;

/**
 * An HTML page of the audited folder, parsed once into what the checks read of it. The parsed document is not
 * kept: it takes about thirty times the page's size, and a folder of 10,000 pages took gigabytes.
 */
export interface AuditPage {
  /** File path relative to the folder, e.g. `locations/kearney/index.html`. */
  file: string;
  /** Site-relative path, e.g. `/locations/kearney/`. */
  path: string;
  /** Absolute URL from the base URL and the path. */
  url: string;
  head: PageHead;
  /** Every element that refers to another file (`a`, `link`, `img`, `script`, `source`, `iframe`), in page order. */
  links: PageLink[];
  /** The href of every `a[href^="tel:"]`, in page order. */
  telLinks: string[];
  /** How many `<h1>` elements the page has. */
  h1Count: number;
  blocks: JsonLdBlock[];
  /** Top-level nodes of every valid block (the @graph members, or the block's object). */
  nodes: JsonLdNode[];
  /** `noindex` in a robots meta tag. */
  noindex: boolean;
  /**
   * The sorted distinct hashes of the 5-word shingles of the page's main content (`<main>`, else `<body>`
   * without header, nav and footer), for near-duplicates. The texts themselves are not kept: they were two
   * fifths of what a page kept.
   */
  mainShingles: Uint32Array;
  /** What the page's text leaves out of each LocalBusiness node on it, in the order of `nodes`. */
  businesses: BusinessText[];
}

/** What a page's visible text leaves out of a LocalBusiness node (a clinic) on it. */
export interface BusinessText {
  /** The node's place in the page's `nodes`. */
  node: number;
  /** Values of its markup that the page does not show. */
  hidden: HiddenValue[];
  /**
   * On a page with only this business: a 53-bit hash of the main text without the business's own details; pages
   * alike but for them are doorways. A collision would group two different pages: about one chance in a million
   * at 110,000 pages.
   */
  template?: number;
}

/** What parsing a page needs to know of the site and the vocabulary. */
export interface PageContext {
  baseUrl: string;
  /** Every schema.org type that is a LocalBusiness (MedicalClinic, Physician…). */
  localBusinessTypes: ReadonlySet<string>;
}

/** What the checks read of a page's `<html>` and `<head>`. */
export interface PageHead {
  /** The text of each `<title>` in `<head>`, trimmed. */
  titles: string[];
  /** The content of each `meta[name=description]`, trimmed ('' without one). */
  descriptions: string[];
  /** The href of each `link[rel=canonical]`, as written ('' without one). */
  canonicals: string[];
  /** `<html lang>`, trimmed ('' without one). */
  lang: string;
  /** The content of the first `meta[property=og:…]` of each property, trimmed. */
  openGraph: Record<string, string>;
}

/** An element that refers to another file, and the address it gives (href, else src). */
export interface PageLink {
  tag: string;
  target: string;
}

/** A sitemap file of the folder, with the result of XSD validation done at the edge. */
export interface SitemapFile {
  file: string;
  xml: string;
  bytes: number;
  /** Messages from validating against the sitemaps.org XSD; empty when valid. */
  schemaErrors: string[];
}

/** Everything `check` audits: a folder of static HTML read into memory. */
export interface SiteSnapshot {
  baseUrl: string;
  /** Every file of the folder, relative, with `/` separators. */
  files: Set<string>;
  pages: AuditPage[];
  sitemaps: SitemapFile[];
  robots?: string;
}

/** `locations/kearney/index.html` -> `/locations/kearney/` */
export function pathOfFile(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** Parse one HTML file into an audit page; `shared` keeps values the site's pages repeat once (see SharedValues). */
export function parsePage(file: string, html: string, context: PageContext, shared: SharedValues = sharedValues()): AuditPage {
  const found = pageElements(cheerio.load(html).root().get(0) as unknown as DomNode);
  const blocks: JsonLdBlock[] = found.jsonLd.map((text) => {
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      return { error: (error as Error).message };
    }
    if (deeperThan(value, MAX_JSON_LD_DEPTH)) return { error: `nested more than ${MAX_JSON_LD_DEPTH} levels deep`, tooDeep: true };
    return { value: shareNodes(value, shared) };
  });
  const nodes = blocks.flatMap((block) => topLevelNodes(block.value));
  const path = pathOfFile(file);
  const openGraph: Record<string, string> = {};
  for (const [property, content] of found.openGraph) openGraph[property] ??= content.trim();
  const mainText = found.main ? visibleText(found.main, false) : visibleText(found.body, true);
  const bodyText = visibleText(found.body, false);
  const businesses = nodes.flatMap((node, index): BusinessText[] => (typesOf(node).some((type) => context.localBusinessTypes.has(type))
    ? [{ node: index, hidden: hiddenValues(node, bodyText, found.telLinks) }]
    : []));
  // Only a page about one business can be its doorway page (see checkDoorways).
  if (businesses.length === 1) businesses[0]!.template = stringHash53(withoutLocation(mainText, nodes[businesses[0]!.node]!));
  return {
    file,
    path,
    // As links and sitemaps write it: `/café/` is `/caf%C3%A9/`.
    url: `${context.baseUrl}${encodeURI(path)}`,
    head: {
      titles: found.titles.map((title) => title.trim()),
      descriptions: found.descriptions.map((content) => content.trim()),
      canonicals: found.canonicals,
      lang: (found.lang ?? '').trim(),
      openGraph,
    },
    links: found.links.map(([tag, target]) => shared.link(tag, target)),
    telLinks: found.telLinks,
    h1Count: found.h1Count,
    blocks,
    nodes,
    noindex: /noindex/i.test(found.robots ?? ''),
    mainShingles: shingles(mainText),
    businesses,
  };
}

/**
 * The page with the values the site's pages repeat shared through `shared`: for a page parsed in another thread,
 * whose nodes and links arrive as copies of their own.
 */
export function sharePage(page: AuditPage, shared: SharedValues): AuditPage {
  const blocks = page.blocks.map((block) => ('value' in block ? { ...block, value: shareNodes(block.value, shared) } : block));
  return {
    ...page,
    blocks,
    nodes: blocks.flatMap((block) => topLevelNodes(block.value)),
    links: page.links.map((link) => shared.link(link.tag, link.target)),
  };
}

/** Whether a parsed JSON value has arrays or objects nested more than `limit` deep (without recursion). */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The block's value with its top-level nodes shared (see topLevelNodes). */
function shareNodes(value: unknown, shared: SharedValues): unknown {
  if (Array.isArray(value)) return value.map((item) => shareNodes(item, shared));
  if (value === null || typeof value !== 'object') return value;
  const object = value as JsonLdNode;
  const graph = object['@graph'];
  if (!Array.isArray(graph)) return shared.node(object);
  object['@graph'] = graph.map((node: unknown) => (node !== null && typeof node === 'object' && !Array.isArray(node) ? shared.node(node as JsonLdNode) : node));
  return object;
}

function topLevelNodes(value: unknown): JsonLdNode[] {
  if (Array.isArray(value)) return value.flatMap(topLevelNodes);
  if (value === null || typeof value !== 'object') return [];
  const object = value as JsonLdNode;
  if (Array.isArray(object['@graph'])) return object['@graph'].filter((node): node is JsonLdNode => node !== null && typeof node === 'object');
  return [object];
}

/** Elements whose text is never shown. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript']);
/** The site's chrome, left out of a page's main text when it has no `<main>`. */
const CHROME = new Set(['header', 'nav', 'footer']);

/**
 * The text of an element, without hidden elements (and without the chrome), with runs of white space made one
 * space. One walk over the tree: cloning it and removing elements, as a query library would, took a third of
 * reading a page.
 */
function visibleText(root: DomNode | undefined, withoutChrome: boolean): string {
  const parts: string[] = [];
  // A stack, not recursion: a hostile page may nest elements thousands deep.
  const stack = [...(root?.children ?? [])].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') parts.push(node.data ?? '');
    else if (node.type !== 'comment' && !(node.name && (HIDDEN.has(node.name) || (withoutChrome && CHROME.has(node.name))))) {
      for (let index = (node.children?.length ?? 0) - 1; index >= 0; index--) stack.push(node.children![index]!);
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}
