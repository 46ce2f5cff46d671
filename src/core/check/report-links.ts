import type { Finding } from './finding.js';
import type { ReportFinding, ReportLimits, ReportNav } from './report-model.js';
import type { AuditPage } from './snapshot.js';

/** Where each page and rule is in the report, as links from the overview (`from` '') or from a subfolder. */
export class ReportLinks {
  private readonly pageNumbers = new Map<string, number>();

  constructor(pages: readonly AuditPage[], private readonly limits: ReportLimits) {
    pages.forEach((page, index) => this.pageNumbers.set(page.path, index));
  }

  pagesFile(file: number): string {
    return `pages/${file + 1}.html`;
  }

  ruleFileName(rule: string, part: number): string {
    // Rule names are kebab-case; anything else is made so, to stay a safe file name.
    const name = rule.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
    return part === 0 ? `${name}.html` : `${name}-${part + 1}.html`;
  }

  /** A link to a page's section, or undefined for a file that is not a page (a sitemap, robots.txt). */
  page(path: string, from: '' | 'pages' | 'rules'): string | undefined {
    const index = this.pageNumbers.get(path);
    if (index === undefined) return undefined;
    const file = Math.floor(index / this.limits.pagesPerFile);
    const target = from === 'pages' ? `${file + 1}.html` : from === 'rules' ? `../${this.pagesFile(file)}` : this.pagesFile(file);
    return `${target}#page-${index + 1}`;
  }

  rule(rule: string, from: '' | 'pages' | 'rules'): string {
    return `${from === 'rules' ? '' : from === 'pages' ? '../rules/' : 'rules/'}${this.ruleFileName(rule, 0)}`;
  }

  finding(finding: Finding, from: '' | 'pages' | 'rules'): ReportFinding {
    const pageHref = this.page(finding.page, from);
    return { ...finding, ruleHref: this.rule(finding.rule, from), ...(pageHref ? { pageHref } : {}) };
  }
}

/** Links to the overview and to the files before and after this one in a run of `count` files. */
export function navBetween(index: number, count: number, fileName: (index: number) => string): ReportNav {
  return {
    overview: '../index.html',
    ...(index > 0 ? { previous: fileName(index - 1) } : {}),
    ...(index < count - 1 ? { next: fileName(index + 1) } : {}),
  };
}
