/** How much a finding matters: errors fail `check`, warnings and notes do not. */
export type Severity = 'error' | 'warning' | 'note';

/** One thing `check` found, located on a page and, where it applies, a JSON-LD node or an HTML element. */
export interface Finding {
  rule: string;
  severity: Severity;
  /** Site-relative path of the page or file, e.g. `/locations/kearney/` or `/sitemap.xml`. */
  page: string;
  /** The JSON-LD node's @id, when the finding is about one. */
  node?: string;
  /** The HTML element or property, when the finding is about one. */
  element?: string;
  message: string;
  fix: string;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/** Findings sorted by page, then severity, rule and message, so reports are stable. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.page.localeCompare(b.page) ||
      ORDER[a.severity] - ORDER[b.severity] ||
      a.rule.localeCompare(b.rule) ||
      (a.node ?? '').localeCompare(b.node ?? '') ||
      a.message.localeCompare(b.message),
  );
}

/** Counts of findings by severity. */
export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Names listed in a message before the rest are counted: a message about 1,000 pages stays one readable line. */
const LISTED = 3;

/** `a, b, c and 997 more`: the first few items of a list, and how many others there are. */
export function someOf(items: readonly string[]): string {
  return firstOf(items, items.length);
}

/** The same for the items of a list other than `self`, without copying a list of thousands for each of them. */
export function someOthersOf(items: readonly string[], self: string): string {
  const first: string[] = [];
  for (const item of items) {
    if (item !== self) first.push(item);
    if (first.length > LISTED) break;
  }
  return firstOf(first, items.length - 1);
}

/** The first items of a list of `total` items. */
function firstOf(items: readonly string[], total: number): string {
  if (total <= LISTED + 1) return total <= 1 ? (items[0] ?? '') : `${items.slice(0, total - 1).join(', ')} and ${items[total - 1]}`;
  return `${items.slice(0, LISTED).join(', ')} and ${total - LISTED} more`;
}
