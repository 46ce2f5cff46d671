import { canonicalJson } from './check-json-ld.js';
import { someOf, type Finding } from './finding.js';
import { asList, typesOf, type SiteSnapshot } from './snapshot.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * Rule 6: a location's name, address and phone are the same on every page that describes it, every visible
 * phone number belongs to a business of the site, and all phone numbers use one international form.
 */
export function checkNap(site: SiteSnapshot, vocabulary: Vocabulary): Finding[] {
  const findings: Finding[] = [];
  const napById = new Map<string, { page: string; nap: string }>();
  const phones = new Map<string, string>(); // digits -> as written in JSON-LD
  const written = new Set<string>();
  for (const page of site.pages) {
    for (const node of page.nodes) {
      const types = typesOf(node).filter((type) => vocabulary.isType(type));
      if (!types.some((type) => vocabulary.isA(type, 'LocalBusiness') || vocabulary.isA(type, 'Organization'))) continue;
      for (const telephone of asList(node.telephone)) {
        if (typeof telephone !== 'string') continue;
        phones.set(telephone.replace(/\D/g, ''), telephone);
        written.add(telephone);
      }
      const id = typeof node['@id'] === 'string' ? node['@id'] : undefined;
      if (!id || !types.some((type) => vocabulary.isA(type, 'LocalBusiness'))) continue;
      const nap = canonicalJson({ name: node.name, address: node.address, telephone: node.telephone });
      const first = napById.get(id);
      if (!first) napById.set(id, { page: page.path, nap });
      else if (first.nap !== nap) {
        findings.push({ rule: 'nap-consistency', severity: 'error', page: page.path, node: id,
          message: `the name, address or phone of this location differ from ${first.page}`,
          fix: 'use one spelling of the name, one address and one phone number everywhere' });
      }
    }
  }
  const styles = new Set([...written].map((phone) => {
    // The form of the number itself: "+1-308-455-1500 ext. 2" is written with hyphens.
    const number = phone.replace(/\s*(?:ext\.?|extension|x)\s*\d+$/i, '');
    return !number.startsWith('+') ? 'national' : number.includes(' ') ? 'spaces' : number.includes('-') ? 'hyphens' : 'plain';
  }));
  if (styles.size > 1) {
    findings.push({ rule: 'phone-format', severity: 'warning', page: '/', message: `phone numbers are written in ${styles.size} forms: ${someOf([...written])}`,
      fix: 'write every number in one international form, e.g. +1-308-455-1500' });
  }
  for (const page of site.pages) {
    const seen = new Set<string>();
    for (const href of page.telLinks) {
      const digits = href.replace(/\D/g, '');
      if (seen.has(digits) || phones.size === 0) continue;
      seen.add(digits);
      if (!href.startsWith('tel:+')) {
        findings.push({ rule: 'phone-format', severity: 'warning', page: page.path, element: `a[href="${href}"]`, message: `the link ${href} has no country code`,
          fix: 'dial links should use the international form, e.g. tel:+13084551500' });
      }
      if (![...phones.keys()].some((known) => known === digits || known.endsWith(digits) || digits.endsWith(known))) {
        findings.push({ rule: 'nap-consistency', severity: 'warning', page: page.path, element: `a[href="${href}"]`,
          message: `the page dials ${href}, which is not the telephone of any business in the structured data`, fix: 'check the number for a typo' });
      }
    }
  }
  return findings;
}
