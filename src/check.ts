import { countBySeverity, type Finding, type Severity } from './core/check/finding.js';
import { runChecks } from './core/check/run-checks.js';
import { capitalize } from './core/text.js';
import { loadVocabulary } from './io/load-vocabulary.js';
import { readSiteDir } from './io/read-site-dir.js';

/** Options of one audit. */
export interface CheckOptions {
  dir: string;
  /** The URL the folder is served from; inferred from index.html's canonical or robots.txt when absent. */
  baseUrl?: string;
  /** Threads that parse the pages; 1 parses them in this thread. By default one per core (up to four) from 2,000 pages on. */
  threads?: number;
  /** Told after each page is read (`read`: pages), then after each group of rules (`rules`): how many are done, of how many. */
  onProgress?: (progress: CheckProgress) => void;
}

/** How far an audit is. */
export interface CheckProgress {
  stage: 'read' | 'rules';
  done: number;
  total: number;
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
  const { onProgress } = options;
  const [snapshot, vocabulary] = await Promise.all([
    readSiteDir(options.dir, {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      ...(options.threads !== undefined ? { threads: options.threads > 1 ? options.threads : 0 } : {}),
      ...(onProgress ? { onPage: (done: number, total: number) => onProgress({ stage: 'read', done, total }) } : {}),
    }),
    loadVocabulary(),
  ]);
  const findings = runChecks(snapshot, vocabulary, onProgress && ((done, total) => onProgress({ stage: 'rules', done, total })));
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

