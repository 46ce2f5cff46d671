import { addToGroup } from '../group-by.js';
import { truncateText } from '../text.js';
import type { Finding, Severity } from './finding.js';
import type { SiteSnapshot } from './snapshot.js';

/** One line of the JSON-LD tree in the report. */
export interface TreeNode {
  key: string;
  value?: string;
  children?: TreeNode[];
}

/** What the HTML report shows. */
export interface ReportModel {
  baseUrl: string;
  vocabulary: string;
  counts: Record<Severity, number>;
  rules: { rule: string; error: number; warning: number; note: number }[];
  siteFindings: Finding[];
  pages: {
    path: string;
    url: string;
    preview: { title: string; url: string; description: string };
    findings: Finding[];
    counts: Record<Severity, number>;
    tree: TreeNode[];
  }[];
}

/** Build the report's view: an overview by severity and rule, and per page a search preview, the graph and the findings. */
export function reportModel(site: SiteSnapshot, findings: Finding[], vocabulary: string): ReportModel {
  const count = (list: Finding[]) => ({
    error: list.filter((finding) => finding.severity === 'error').length,
    warning: list.filter((finding) => finding.severity === 'warning').length,
    note: list.filter((finding) => finding.severity === 'note').length,
  });
  const ruleNames = [...new Set(findings.map((finding) => finding.rule))].sort();
  const pagePaths = new Set(site.pages.map((page) => page.path));
  // Grouped once: filtering every finding for every page took hours for 100,000 pages.
  const byPage = new Map<string, Finding[]>();
  for (const finding of findings) addToGroup(byPage, finding.page, finding);
  return {
    baseUrl: site.baseUrl,
    vocabulary,
    counts: count(findings),
    rules: ruleNames.map((rule) => ({ rule, ...count(findings.filter((finding) => finding.rule === rule)) })),
    siteFindings: findings.filter((finding) => !pagePaths.has(finding.page)),
    pages: site.pages.map((page) => {
      const own = byPage.get(page.path) ?? [];
      return {
        path: page.path,
        url: page.url,
        preview: {
          title: truncateText(page.head.titles[0] ?? '', 60),
          url: displayUrl(page.url),
          description: truncateText(page.head.descriptions[0] ?? '', 160),
        },
        findings: own,
        counts: count(own),
        tree: page.blocks.map((block, index) => ({
          key: `JSON-LD block ${index + 1}`,
          ...(block.error !== undefined ? { value: block.tooDeep ? `JSON-LD ${block.error}` : `invalid JSON: ${block.error}` } : { children: toTree(block.value) }),
        })),
      };
    }),
  };
}

/** `https://example.com/locations/kearney/` as Google shows it: `example.com › locations › kearney`. */
function displayUrl(url: string): string {
  const { host, pathname } = new URL(url);
  return [host, ...pathname.split('/').filter(Boolean)].join(' › ');
}

function toTree(value: unknown): TreeNode[] {
  if (Array.isArray(value)) return value.map((item, index) => ({ key: `[${index}]`, ...leafOrBranch(item) }));
  if (value && typeof value === 'object') return Object.entries(value).map(([key, child]) => ({ key, ...leafOrBranch(child) }));
  return [{ key: '', value: String(value) }];
}

function leafOrBranch(value: unknown): Omit<TreeNode, 'key'> {
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const label = typeof object['@type'] === 'string' ? object['@type'] : Array.isArray(object['@type']) ? object['@type'].join(' + ') : undefined;
    return { ...(label ? { value: label } : {}), children: toTree(value) };
  }
  return { value: JSON.stringify(value) };
}
