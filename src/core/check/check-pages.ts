import { addToGroup } from '../group-by.js';
import { someOf, type Finding } from './finding.js';
import type { AuditPage, SiteSnapshot } from './snapshot.js';

/** Lengths Google usually shows in full: titles about 50-60 characters, descriptions about 150-160. */
export const TITLE_RANGE = [10, 60] as const;
export const DESCRIPTION_RANGE = [50, 160] as const;

/**
 * Rule 4: one title and description per page, unique across the site and of a length Google shows; one h1;
 * html lang; an absolute, self-referencing canonical; Open Graph basics; no broken internal links or assets.
 */
export function checkPages(site: SiteSnapshot): Finding[] {
  const findings: Finding[] = [];
  const titles = new Map<string, string[]>();
  const descriptions = new Map<string, string[]>();
  for (const page of site.pages) {
    const { head } = page;
    const add = (rule: string, severity: Finding['severity'], element: string, message: string, fix: string) =>
      findings.push({ rule, severity, page: page.path, element, message, fix });

    const titleCount = head.titles.length;
    const title = head.titles[0] ?? '';
    if (titleCount !== 1 || title === '') add('title', 'error', 'title', titleCount > 1 ? `the page has ${titleCount} <title> elements` : 'the page has no title', 'give every page exactly one descriptive <title>');
    else {
      addToGroup(titles, title, page.path);
      if (title.length < TITLE_RANGE[0] || title.length > TITLE_RANGE[1]) {
        add('title-length', 'warning', 'title', `the title is ${title.length} characters; Google usually shows ${TITLE_RANGE[0]}-${TITLE_RANGE[1]}`, 'write a title of about 50-60 characters with the most important words first');
      }
    }
    const descriptionCount = head.descriptions.length;
    const description = head.descriptions[0] ?? '';
    if (descriptionCount !== 1 || description === '') {
      add('meta-description', 'error', 'meta[name=description]', descriptionCount > 1 ? `the page has ${descriptionCount} meta descriptions` : 'the page has no meta description', 'give every page exactly one meta description that summarizes it');
    } else {
      addToGroup(descriptions, description, page.path);
      if (description.length < DESCRIPTION_RANGE[0] || description.length > DESCRIPTION_RANGE[1]) {
        add('meta-description-length', 'warning', 'meta[name=description]', `the meta description is ${description.length} characters; Google usually shows ${DESCRIPTION_RANGE[0]}-${DESCRIPTION_RANGE[1]}`, 'write about 150 characters that make people want to click');
      }
    }
    const h1 = page.h1Count;
    if (h1 !== 1) add('h1', 'error', 'h1', `the page has ${h1} <h1> elements`, 'give every page exactly one <h1> that says what it is about');
    if (!head.lang) add('html-lang', 'error', 'html', 'the <html> element has no lang attribute', 'add lang, e.g. <html lang="en-US">');
    findings.push(...canonicalRules(page));
    for (const property of ['og:title', 'og:type', 'og:url', 'og:description', 'og:site_name']) {
      // A page kept out of the index has no address of its own to share (see canonicalRules).
      if (!head.openGraph[property] && !(property === 'og:url' && page.noindex)) {
        add('open-graph', 'warning', `meta[property=${property}]`, `Open Graph ${property} is missing`, `add <meta property="${property}" content="…"> for link previews`);
      }
    }
    findings.push(...brokenLinks(site, page));
  }
  for (const [kind, map] of [['title', titles], ['meta description', descriptions]] as const) {
    for (const [text, pages] of map) {
      if (pages.length < 2) continue;
      for (const path of pages) {
        findings.push({ rule: kind === 'title' ? 'title-duplicate' : 'meta-description-duplicate', severity: 'warning', page: path,
          element: kind === 'title' ? 'title' : 'meta[name=description]',
          message: `the ${kind} "${text.length > 60 ? `${text.slice(0, 59)}…` : text}" is shared by ${pages.length} pages: ${someOf(pages)}`,
          fix: `give each page its own ${kind}` });
      }
    }
  }
  return findings;
}

function canonicalRules(page: AuditPage): Finding[] {
  const links = page.head.canonicals;
  const href = (links[0] ?? '').trim();
  const finding = (message: string, fix: string): Finding => ({ rule: 'canonical', severity: 'error', page: page.path, element: 'link[rel=canonical]', message, fix });
  if (links.length === 0 || href === '') return page.noindex ? [] : [finding('the page has no canonical link', `add <link rel="canonical" href="${page.url}">`)];
  if (links.length > 1) return [finding(`the page has ${links.length} canonical links`, 'keep exactly one')];
  if (!/^https?:\/\//.test(href)) return [finding(`the canonical "${href}" is not an absolute URL`, `use the full URL, e.g. ${page.url}`)];
  if (!page.noindex && normalUrl(href) !== page.url) return [finding(`the canonical ${href} is not this page's URL ${page.url}`, 'point the canonical at the page itself, or remove the page from the sitemap if it duplicates another')];
  return [];
}

function brokenLinks(site: SiteSnapshot, page: AuditPage): Finding[] {
  const base = new URL(site.baseUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { tag, target } of page.links) {
    let resolved: URL;
    try {
      resolved = new URL(target, page.url);
    } catch {
      findings.push({ rule: 'broken-link', severity: 'error', page: page.path, element: tag, message: `the link "${target}" is not a valid URL`, fix: 'fix the address' });
      continue;
    }
    if (resolved.origin !== base.origin || !/^https?:$/.test(resolved.protocol)) continue;
    let file = decodeURIComponent(resolved.pathname);
    if (!file.startsWith(`${basePath}/`)) continue;
    file = file.slice(basePath.length + 1);
    if (file === '' || file.endsWith('/')) file += 'index.html';
    if (site.files.has(file) || site.files.has(`${file}/index.html`) || seen.has(file)) continue;
    seen.add(file);
    findings.push({ rule: 'broken-link', severity: 'error', page: page.path, element: tag,
      message: `${tag === 'a' ? 'the link' : `the ${tag} asset`} ${target} points to ${file}, which does not exist`, fix: 'fix the address or add the missing file' });
  }
  return findings;
}

/** A URL as browsers and crawlers resolve it (`https://x.example/café/` is `https://x.example/caf%C3%A9/`). */
function normalUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
