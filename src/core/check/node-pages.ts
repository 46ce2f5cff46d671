import type { AuditPage, JsonLdNode, SiteSnapshot } from './snapshot.js';

/**
 * The page a reader would fix a node on, decided where the node is first met: the page its `url` names when
 * that page has the node too (a clinic's location page, the organization's home page), else the page where it
 * was met first. A clinic listed on the home page is described on its own page.
 */
export function pagesAbout(site: SiteSnapshot): (id: string, node: JsonLdNode, page: AuditPage) => string {
  const base = new URL(site.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const baseHost = base.host.replace(/^www\./, '');
  const byPath = new Map(site.pages.map((page) => [pageKey(page.path), page]));
  const about = new Map<string, string>();
  /** The site-relative page key of an absolute URL on the site; undefined for another site. */
  const keyOfUrl = (url: string) => {
    try {
      const parsed = new URL(url);
      if (parsed.host.replace(/^www\./, '') !== baseHost || !parsed.pathname.startsWith(basePath)) return undefined;
      return pageKey(decoded(parsed.pathname.slice(basePath.length)));
    } catch {
      return undefined;
    }
  };
  return (id, node, page) => {
    let path = about.get(id);
    if (path === undefined) {
      const key = typeof node.url === 'string' ? keyOfUrl(node.url) : undefined;
      const named = key === undefined ? undefined : byPath.get(key);
      path = named?.nodes.some((candidate) => candidate['@id'] === id) ? named.path : page.path;
      about.set(id, path);
    }
    return path;
  };
}

/** One key for the addresses of one page: `/x`, `/x/` and `/x/index.html`. Page paths come from file names, as written. */
function pageKey(sitePath: string): string {
  return sitePath.replace(/\/index\.html$/, '/').replace(/\/+$/, '');
}

/** A URL's path as its file is named: `%C3%A9` is `é`. */
function decoded(urlPath: string): string {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return urlPath; // a malformed escape: compare as written
  }
}
