/** A parsed robots.txt: rule groups by user agent, and the sitemaps it names. */
export interface RobotsTxt {
  groups: { agents: string[]; rules: { allow: boolean; pattern: string }[] }[];
  sitemaps: string[];
  /** Lines that are not `field: value` or use an unknown field. */
  invalidLines: { line: number; text: string }[];
}

const FIELDS = new Set(['user-agent', 'allow', 'disallow', 'sitemap', 'crawl-delay', 'host', 'clean-param']);

/** Parse robots.txt as RFC 9309 describes it. */
export function parseRobotsTxt(text: string): RobotsTxt {
  const robots: RobotsTxt = { groups: [], sitemaps: [], invalidLines: [] };
  let current: RobotsTxt['groups'][number] | undefined;
  let lastWasAgent = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const match = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    const field = match?.[1]?.toLowerCase();
    if (!match || !field || !FIELDS.has(field)) {
      robots.invalidLines.push({ line: index + 1, text: raw });
      return;
    }
    const value = match[2]!.trim();
    if (field === 'sitemap') robots.sitemaps.push(value);
    else if (field === 'user-agent') {
      if (!lastWasAgent || !current) robots.groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
    } else if ((field === 'allow' || field === 'disallow') && current && value !== '') {
      current.rules.push({ allow: field === 'allow', pattern: value });
    }
    lastWasAgent = field === 'user-agent';
  });
  return robots;
}

/** Whether `agent` may crawl `path`: the most specific group, then the longest matching rule (allow wins ties). */
export function isAllowed(robots: RobotsTxt, agent: string, path: string): boolean {
  const name = agent.toLowerCase();
  const group = robots.groups.find((candidate) => candidate.agents.includes(name)) ?? robots.groups.find((candidate) => candidate.agents.includes('*'));
  if (!group) return true;
  let best: { allow: boolean; length: number } | undefined;
  for (const rule of group.rules) {
    if (!patternMatches(rule.pattern, path)) continue;
    const length = rule.pattern.length;
    if (!best || length > best.length || (length === best.length && rule.allow)) best = { allow: rule.allow, length };
  }
  return best?.allow ?? true;
}

function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern).split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`).test(path);
}
