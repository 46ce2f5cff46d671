import { countBySeverity, type Finding, type Severity } from './core/check/finding.js';
import { runChecks } from './core/check/run-checks.js';
import { loadVocabulary } from './io/load-vocabulary.js';
import { readSiteDir } from './io/read-site-dir.js';

/** Options of one audit. */
export interface CheckOptions {
  dir: string;
  /** The URL the folder is served from; inferred from index.html's canonical or robots.txt when absent. */
  baseUrl?: string;
  /** Told after each page is read: how many are read, of how many. */
  onProgress?: (pagesRead: number, pages: number) => void;
}

/** What an audit found. */
export interface CheckResult {
  baseUrl: string;
  vocabulary: string;
  pages: number;
  sitemapFiles: number;
  findings: Finding[];
  counts: Record<Severity, number>;
}

/** Audit a folder of static HTML: structured data, Google's rules, pages, sitemap, robots.txt, NAP and doorways. */
export async function checkSite(options: CheckOptions): Promise<CheckResult & { snapshot: Awaited<ReturnType<typeof readSiteDir>> }> {
  const [snapshot, vocabulary] = await Promise.all([
    readSiteDir(options.dir, { ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), ...(options.onProgress ? { onPage: options.onProgress } : {}) }),
    loadVocabulary(),
  ]);
  const findings = runChecks(snapshot, vocabulary);
  return {
    baseUrl: snapshot.baseUrl,
    vocabulary: vocabulary.source,
    pages: snapshot.pages.length,
    sitemapFiles: snapshot.sitemaps.length,
    findings,
    counts: countBySeverity(findings),
    snapshot,
  };
}

/** One finding as a line of text. */
export function formatFinding(finding: Finding): string {
  const where = [finding.page, finding.node, finding.element].filter(Boolean).join(' ');
  return `${finding.severity.padEnd(7)} ${finding.rule}  ${where}: ${capitalize(finding.message)}. ${capitalize(finding.fix)}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
