/** What the walk reads of a parsed node (domhandler's shape, as cheerio's parse5 adapter builds it). */
export interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

/** The elements of a page the checks read, found in one walk over its tree, in document order. */
export interface PageElements {
  /** The text of each `script[type="application/ld+json"]`. */
  jsonLd: string[];
  /** The content of the first `meta[name="robots"]` ('' when it has none), or undefined without one. */
  robots: string | undefined;
  /** `[property, content]` of each `meta[property^="og:"]` (content '' when absent). */
  openGraph: [string, string][];
  /** The first `<main>` and the first `<body>`. */
  main: DomNode | undefined;
  body: DomNode | undefined;
  /** The href of each `a[href^="tel:"]`. */
  telLinks: string[];
  /** The text of each `<title>` inside `<head>`, as written. */
  titles: string[];
  /** The content of each `meta[name="description"]`, as written ('' when absent). */
  descriptions: string[];
  /** The href of each `link[rel="canonical"]`, as written ('' when absent). */
  canonicals: string[];
  /** The lang of the first `<html>`, as written; undefined without one. */
  lang: string | undefined;
  /** Tag and address (href, else src) of each `a[href], link[href], img[src], script[src], source[src], iframe[src]`. */
  links: [string, string][];
  h1Count: number;
}

/** Elements whose `src` is a link (besides `a` and `link`, whose `href` is). */
const SRC_TAGS = new Set(['img', 'script', 'source', 'iframe']);

/**
 * Find, in one walk, what a dozen CSS queries found before: each query walked the whole tree again, and they
 * took a quarter of reading a page. The matches are those of the queries as cheerio (css-select) runs them
 * on an HTML document: `type` and `rel` are compared without case (HTML lists them so), other values with
 * case. One difference: the content of a `<template>` is left out, as a browser and a crawler leave it out of the
 * page (it is inert until a script uses it), and as the page's text already left it out. A test holds the walk
 * to the queries.
 */
export function pageElements(document: DomNode): PageElements {
  const found: PageElements = {
    jsonLd: [], robots: undefined, openGraph: [], main: undefined, body: undefined, telLinks: [], titles: [],
    descriptions: [], canonicals: [], lang: undefined, links: [], h1Count: 0,
  };
  let robotsSeen = false;
  let htmlSeen = false;
  // A stack, not recursion: a hostile page may nest elements thousands deep. Each entry: node, inside <head>.
  const stack: [DomNode, boolean][] = [];
  const pushChildren = (node: DomNode, inHead: boolean) => {
    for (let index = (node.children?.length ?? 0) - 1; index >= 0; index--) stack.push([node.children![index]!, inHead]);
  };
  pushChildren(document, false);
  while (stack.length > 0) {
    const [node, inHead] = stack.pop()!;
    // Not an element: text, a comment, or the fragment that holds a template's content (not gone into).
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const name = node.name!;
    const attribs = node.attribs ?? {};
    switch (name) {
      case 'html':
        if (!htmlSeen) found.lang = attribs.lang;
        htmlSeen = true;
        break;
      case 'main':
        found.main ??= node;
        break;
      case 'body':
        found.body ??= node;
        break;
      case 'h1':
        found.h1Count++;
        break;
      case 'title':
        if (inHead) found.titles.push(textOf(node));
        break;
      case 'script':
        if (sameIgnoringCase(attribs.type, 'application/ld+json')) found.jsonLd.push(textOf(node));
        break;
      case 'meta':
        if (attribs.name === 'robots' && !robotsSeen) {
          robotsSeen = true;
          found.robots = attribs.content ?? '';
        }
        if (attribs.name === 'description') found.descriptions.push(attribs.content ?? '');
        if (attribs.property?.startsWith('og:')) found.openGraph.push([attribs.property, attribs.content ?? '']);
        break;
      case 'link':
        if (sameIgnoringCase(attribs.rel, 'canonical')) found.canonicals.push(attribs.href ?? '');
        break;
      case 'a':
        if (attribs.href?.startsWith('tel:')) found.telLinks.push(attribs.href);
        break;
    }
    if ((name === 'a' || name === 'link') && attribs.href !== undefined) found.links.push([name, attribs.href]);
    else if (SRC_TAGS.has(name) && attribs.src !== undefined) found.links.push([name, attribs.href ?? attribs.src]);
    pushChildren(node, inHead || name === 'head');
  }
  return found;
}

/** `[name="value"]` for an attribute HTML compares without case, as css-select does (`value` in lower case). */
function sameIgnoringCase(attribute: string | undefined, value: string): boolean {
  return attribute !== undefined && attribute.length === value.length && attribute.toLowerCase() === value;
}

/** The text of every text node under an element, as cheerio's `.text()` reads it, without recursion. */
function textOf(element: DomNode): string {
  const children = element.children ?? [];
  if (children.length === 1 && children[0]!.type === 'text') return children[0]!.data ?? '';
  const parts: string[] = [];
  const stack = [...children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') parts.push(node.data ?? '');
    for (let index = (node.children?.length ?? 0) - 1; index >= 0; index--) stack.push(node.children![index]!);
  }
  return parts.join('');
}
