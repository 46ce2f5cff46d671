import { addToGroup } from '../group-by.js';
import { truncateText } from '../text.js';
import { countBySeverity, type Finding, type Severity } from './finding.js';
import { navBetween, ReportLinks } from './report-links.js';
import type { AuditPage, SiteSnapshot } from './snapshot.js';

/**
 * How the HTML report is cut into files. One file for a whole site was 190 MB at 11,073 pages, more than a
 * browser opens; a file of 100 pages with their graphs is about 2 MB.
 */
export interface ReportLimits {
  /** Pages, with their previews, findings and graphs, in one `pages/N.html`. */
  pagesPerFile: number;
  /** Findings in one `rules/RULE.html` (then `RULE-2.html`, …). */
  findingsPerFile: number;
  /** Pages the overview lists by their findings, worst first; and site-file findings it shows. */
  listed: number;
}

/** A hundred pages (about 2 MB with their graphs) and a thousand findings to a file; the overview lists a hundred. */
export const REPORT_LIMITS: ReportLimits = { pagesPerFile: 100, findingsPerFile: 1000, listed: 100 };

/** A finding as the report shows it: with a link to its rule's file, and to its page's section where it has one. */
export interface ReportFinding extends Finding {
  ruleHref: string;
  pageHref?: string;
}

/** Links between the report's files, relative to the file they are in. */
export interface ReportNav {
  overview: string;
  previous?: string;
  next?: string;
}

/** `index.html`: counts, findings by rule, the pages with the most findings and the list of page files. */
export interface OverviewModel {
  kind: 'overview';
  baseUrl: string;
  title: string;
  vocabulary: string;
  pageCount: number;
  counts: Record<Severity, number>;
  /** Pages with at least one error; with warnings and no error; with notes only; with no finding. */
  pagesWith: { errors: number; warnings: number; notes: number; none: number };
  rules: ({ rule: string; href: string } & Record<Severity, number>)[];
  siteFindings: ReportFinding[];
  /** Site-file findings not shown: their rule files list them. */
  moreSiteFindings: number;
  worstPages: ({ path: string; href: string } & Record<Severity, number>)[];
  /** Pages with findings not in `worstPages`. */
  morePages: number;
  pageFiles: ({ href: string; first: string; last: string; firstNumber: number; lastNumber: number } & Record<Severity, number>)[];
}

/** `pages/N.html`: a run of pages, each with a search preview, its findings and its JSON-LD. */
export interface PagesModel {
  kind: 'pages';
  baseUrl: string;
  title: string;
  nav: ReportNav;
  pages: {
    anchor: string;
    path: string;
    url: string;
    preview: { title: string; url: string; description: string };
    findings: ReportFinding[];
    counts: Record<Severity, number>;
    /** The page's JSON-LD blocks: each block's parsed value, or why it could not be read. */
    blocks: { label: string; value?: unknown; problem?: string }[];
  }[];
}

/** `rules/RULE.html`: every finding of one rule, a file at a time. */
export interface RuleModel {
  kind: 'rule';
  baseUrl: string;
  title: string;
  rule: string;
  counts: Record<Severity, number>;
  nav: ReportNav;
  findings: ReportFinding[];
}

/** One file of the report: its path inside the report's folder (`/`-separated) and what it shows. */
export interface ReportFile {
  path: string;
  model: OverviewModel | PagesModel | RuleModel;
}

/**
 * The report's files, made one at a time as they are asked for, so that writing the report holds one file's
 * model (not every page's graph) at a time. The overview comes first.
 */
export function* reportFiles(site: SiteSnapshot, findings: Finding[], vocabulary: string, limits: ReportLimits = REPORT_LIMITS): Generator<ReportFile> {
  const links = new ReportLinks(site.pages, limits);
  const byPage = new Map<string, Finding[]>();
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings) {
    addToGroup(byPage, finding.page, finding);
    addToGroup(byRule, finding.rule, finding);
  }
  const rules = [...byRule.keys()].sort();
  yield { path: 'index.html', model: overview(site, findings, vocabulary, { byPage, byRule, rules, links, limits }) };

  const fileCount = Math.ceil(site.pages.length / limits.pagesPerFile);
  for (let file = 0; file < fileCount; file++) {
    const start = file * limits.pagesPerFile;
    const pages = site.pages.slice(start, start + limits.pagesPerFile);
    yield {
      path: links.pagesFile(file),
      model: {
        kind: 'pages',
        baseUrl: site.baseUrl,
        title: `Pages ${start + 1} to ${start + pages.length} of ${site.pages.length}`,
        nav: navBetween(file, fileCount, (index) => `${index + 1}.html`),
        pages: pages.map((page, index) => pageSection(page, start + index, byPage.get(page.path) ?? [], links)),
      },
    };
  }

  for (const rule of rules) {
    const all = byRule.get(rule)!;
    const parts = Math.ceil(all.length / limits.findingsPerFile);
    for (let part = 0; part < parts; part++) {
      yield {
        path: `rules/${links.ruleFileName(rule, part)}`,
        model: {
          kind: 'rule',
          baseUrl: site.baseUrl,
          title: parts > 1 ? `${rule}: findings ${part * limits.findingsPerFile + 1} to ${Math.min(all.length, (part + 1) * limits.findingsPerFile)} of ${all.length}` : rule,
          rule,
          counts: countBySeverity(all),
          nav: navBetween(part, parts, (index) => links.ruleFileName(rule, index)),
          findings: all.slice(part * limits.findingsPerFile, (part + 1) * limits.findingsPerFile).map((finding) => links.finding(finding, 'rules')),
        },
      };
    }
  }
}

function overview(
  site: SiteSnapshot,
  findings: Finding[],
  vocabulary: string,
  { byPage, byRule, rules, links, limits }: { byPage: Map<string, Finding[]>; byRule: Map<string, Finding[]>; rules: string[]; links: ReportLinks; limits: ReportLimits },
): OverviewModel {
  const pageCounts = site.pages.map((page) => countBySeverity(byPage.get(page.path) ?? []));
  const withFindings = site.pages
    .map((page, index) => ({ path: page.path, href: links.page(page.path, '')!, ...pageCounts[index]! }))
    .filter((page) => page.error + page.warning + page.note > 0);
  // Worst first; the sort is stable, so pages that tie stay in the folder's order.
  withFindings.sort((a, b) => b.error - a.error || b.warning - a.warning || b.note - a.note);
  const siteFindings = findings.filter((finding) => links.page(finding.page, '') === undefined);
  const pageFiles: OverviewModel['pageFiles'] = [];
  for (let start = 0; start < site.pages.length; start += limits.pagesPerFile) {
    const end = Math.min(site.pages.length, start + limits.pagesPerFile);
    const counts = { error: 0, warning: 0, note: 0 };
    for (let index = start; index < end; index++) for (const severity of ['error', 'warning', 'note'] as const) counts[severity] += pageCounts[index]![severity];
    pageFiles.push({ href: links.pagesFile(start / limits.pagesPerFile), first: site.pages[start]!.path, last: site.pages[end - 1]!.path, firstNumber: start + 1, lastNumber: end, ...counts });
  }
  return {
    kind: 'overview',
    baseUrl: site.baseUrl,
    title: `Check report for ${site.baseUrl}`,
    vocabulary,
    pageCount: site.pages.length,
    counts: countBySeverity(findings),
    pagesWith: {
      errors: pageCounts.filter((counts) => counts.error > 0).length,
      warnings: pageCounts.filter((counts) => counts.error === 0 && counts.warning > 0).length,
      notes: pageCounts.filter((counts) => counts.error + counts.warning === 0 && counts.note > 0).length,
      none: pageCounts.filter((counts) => counts.error + counts.warning + counts.note === 0).length,
    },
    rules: rules.map((rule) => ({ rule, href: links.rule(rule, ''), ...countBySeverity(byRule.get(rule)!) })),
    siteFindings: siteFindings.slice(0, limits.listed).map((finding) => links.finding(finding, '')),
    moreSiteFindings: Math.max(0, siteFindings.length - limits.listed),
    worstPages: withFindings.slice(0, limits.listed),
    morePages: Math.max(0, withFindings.length - limits.listed),
    pageFiles,
  };
}

function pageSection(page: AuditPage, index: number, own: Finding[], links: ReportLinks): PagesModel['pages'][number] {
  return {
    anchor: `page-${index + 1}`,
    path: page.path,
    url: page.url,
    preview: {
      title: truncateText(page.head.titles[0] ?? '', 60),
      url: displayUrl(page.url),
      description: truncateText(page.head.descriptions[0] ?? '', 160),
    },
    findings: own.map((finding) => links.finding(finding, 'pages')),
    counts: countBySeverity(own),
    blocks: page.blocks.map((block, blockIndex) => ({
      label: `JSON-LD block ${blockIndex + 1}`,
      ...(block.error !== undefined ? { problem: block.tooDeep ? `JSON-LD ${block.error}` : `invalid JSON: ${block.error}` } : { value: block.value }),
    })),
  };
}

/** `https://example.com/locations/kearney/` as Google shows it: `example.com › locations › kearney`. */
function displayUrl(url: string): string {
  const { host, pathname } = new URL(url);
  return [host, ...pathname.split('/').filter(Boolean)].join(' › ');
}
