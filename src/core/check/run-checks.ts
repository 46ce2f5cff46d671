import { checkDoorways } from './check-doorways.js';
import { checkGoogleRules } from './check-google-rules.js';
import { checkJsonLd } from './check-json-ld.js';
import { checkNap } from './check-nap.js';
import { checkPages } from './check-pages.js';
import { checkSitemapAndRobots } from './check-sitemap.js';
import { checkVocabulary } from './check-vocabulary.js';
import { sortFindings, type Finding } from './finding.js';
import type { SiteSnapshot } from './snapshot.js';
import type { Vocabulary } from './vocabulary.js';

/** Every rule of `clinic-seo check`, in the order the issue lists them; `onRule` is told as each group of rules is done. */
export function runChecks(site: SiteSnapshot, vocabulary: Vocabulary, onRule?: (done: number, total: number) => void): Finding[] {
  const rules = [
    () => checkJsonLd(site),
    () => checkVocabulary(site, vocabulary),
    () => checkGoogleRules(site, vocabulary),
    () => checkPages(site),
    () => checkSitemapAndRobots(site),
    () => checkNap(site, vocabulary),
    () => checkDoorways(site),
  ];
  const findings: Finding[] = [];
  onRule?.(0, rules.length);
  rules.forEach((rule, index) => {
    findings.push(...rule());
    onRule?.(index + 1, rules.length);
  });
  return sortFindings(findings);
}
