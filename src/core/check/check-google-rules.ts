import type { Finding } from './finding.js';
import { pagesAbout } from './node-pages.js';
import { asList, typesOf, type AuditPage, type JsonLdNode, type SiteSnapshot } from './snapshot.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * Rule 3: Google's structured-data rules for LocalBusiness (and subtypes such as MedicalClinic),
 * Organization and BreadcrumbList, and policy lint: self-serving reviews, FAQPage, and markup for
 * content that is not visible on the page.
 */
export function checkGoogleRules(site: SiteSnapshot, vocabulary: Vocabulary): Finding[] {
  const findings: Finding[] = [];
  const host = new URL(site.baseUrl).host;
  const pageAbout = pagesAbout(site);
  const seen = new Set<string>();
  for (const page of site.pages) {
    for (const node of page.nodes) {
      const types = typesOf(node);
      const id = typeof node['@id'] === 'string' ? node['@id'] : undefined;
      const where = { page: page.path, ...(id ? { node: id } : {}) };
      const is = (type: string) => types.some((candidate) => vocabulary.isType(candidate) && vocabulary.isA(candidate, type));
      // Node-level rules are reported once per node, on the page it is about (see pagesAbout).
      const once = () => {
        if (!id) return true;
        if (seen.has(id) || pageAbout(id, node, page) !== page.path) return false;
        seen.add(id);
        return true;
      };
      if (is('LocalBusiness') && once()) findings.push(...localBusinessRules(node, where));
      if (is('Organization') && !is('LocalBusiness') && once()) findings.push(...organizationRules(node, where));
      if (is('BreadcrumbList')) findings.push(...breadcrumbRules(node, where));
      if ((is('LocalBusiness') || is('Organization')) && isOwn(id, host) && ('aggregateRating' in node || 'review' in node)) {
        findings.push({ rule: 'google-self-serving-review', severity: 'error', ...where, element: 'aggregateRating' in node ? 'aggregateRating' : 'review',
          message: 'ratings or reviews of the site\'s own business are self-serving and not eligible for review rich results',
          fix: 'remove aggregateRating and review from your own business; show genuine reviews as page text instead' });
      }
      if (types.includes('FAQPage')) {
        findings.push({ rule: 'google-faqpage', severity: 'warning', ...where, element: '@type',
          message: 'FAQPage markup is no longer shown as a rich result for most sites',
          fix: 'keep the questions as visible text; the markup brings no rich result' });
      }
      if (is('LocalBusiness')) findings.push(...invisibleMarkup(page, node, where));
    }
  }
  return findings;
}

type Where = { page: string; node?: string };

function localBusinessRules(node: JsonLdNode, where: Where): Finding[] {
  const findings: Finding[] = [];
  const missing = (property: string, severity: 'error' | 'warning', why: string) =>
    findings.push({ rule: severity === 'error' ? 'google-required' : 'google-recommended', severity, ...where, element: property,
      message: `"${property}" is ${severity === 'error' ? 'required' : 'recommended'} for local business results`, fix: why });
  if (!nonEmpty(node.name)) missing('name', 'error', 'add the business name exactly as customers know it');
  const address = asList(node.address)[0] as JsonLdNode | string | undefined;
  if (!address) missing('address', 'error', 'add a PostalAddress with street, city, region, postal code and country');
  else if (typeof address === 'object') {
    for (const field of ['streetAddress', 'addressLocality', 'addressRegion', 'postalCode', 'addressCountry']) {
      if (!nonEmpty(address[field])) missing(`address.${field}`, 'warning', `add ${field} to the PostalAddress: Google asks for as many address fields as possible`);
    }
  }
  const telephone = asList(node.telephone)[0];
  if (!nonEmpty(telephone)) missing('telephone', 'warning', 'add the telephone number with its country code, e.g. +1-308-455-1500');
  else if (!String(telephone).trim().startsWith('+')) {
    findings.push({ rule: 'google-recommended', severity: 'warning', ...where, element: 'telephone',
      message: `telephone "${String(telephone)}" has no country code`, fix: 'write it in international form, e.g. +1-308-455-1500' });
  }
  if (!nonEmpty(node.url)) missing('url', 'warning', 'add the URL of the location\'s page');
  const geo = asList(node.geo)[0] as JsonLdNode | undefined;
  if (!geo) missing('geo', 'warning', 'add GeoCoordinates with latitude and longitude of at least 5 decimals');
  else {
    for (const axis of ['latitude', 'longitude']) {
      const decimals = /\.(\d+)/.exec(String(geo[axis] ?? ''))?.[1]?.length ?? 0;
      if (decimals < 5) {
        findings.push({ rule: 'google-recommended', severity: 'warning', ...where, element: `geo.${axis}`,
          message: `geo.${axis} ${String(geo[axis])} has fewer than 5 decimals`, fix: 'give coordinates with at least 5 decimals' });
      }
    }
  }
  if (!nonEmpty(node.openingHoursSpecification) && !nonEmpty(node.openingHours)) missing('openingHoursSpecification', 'warning', 'add the opening hours');
  if (!nonEmpty(node.image)) missing('image', 'warning', 'add at least one photo of the business');
  if (typeof node.priceRange === 'string' && node.priceRange.length >= 100) {
    findings.push({ rule: 'google-recommended', severity: 'warning', ...where, element: 'priceRange',
      message: `priceRange is ${node.priceRange.length} characters; Google ignores it from 100 characters`, fix: 'shorten it, e.g. $$ or $10-15' });
  }
  return findings;
}

function organizationRules(node: JsonLdNode, where: Where): Finding[] {
  const findings: Finding[] = [];
  for (const [property, fix] of [
    ['name', 'add the organization\'s name'],
    ['url', 'add the URL of the organization\'s home page'],
    ['logo', 'add a logo: a square image of at least 112x112 pixels'],
  ] as const) {
    if (!nonEmpty(node[property])) {
      findings.push({ rule: 'google-recommended', severity: property === 'name' ? 'warning' : 'note', ...where, element: property,
        message: `"${property}" is recommended for Organization`, fix });
    }
  }
  return findings;
}

function breadcrumbRules(node: JsonLdNode, where: Where): Finding[] {
  const items = asList(node.itemListElement) as JsonLdNode[];
  if (items.length === 0) {
    return [{ rule: 'google-breadcrumb', severity: 'error', ...where, element: 'itemListElement', message: 'the BreadcrumbList has no items',
      fix: 'add ListItem entries with position, name and item' }];
  }
  return items.flatMap((item, index) => {
    const problems: string[] = [];
    if (item.position !== index + 1) problems.push(`position should be ${index + 1}`);
    if (!nonEmpty(item.name)) problems.push('name is missing');
    if (!nonEmpty(item.item) && index < items.length - 1) problems.push('item (the URL) is missing');
    return problems.map((problem): Finding => ({
      rule: 'google-breadcrumb', severity: 'error', ...where, element: `itemListElement[${index}]`, message: `breadcrumb item ${index + 1}: ${problem}`,
      fix: 'number items from 1 and give each a name and the URL of its page',
    }));
  });
}

/** NAP in the markup must be visible to people too; hidden markup breaks Google's guidelines (see hiddenValues). */
function invisibleMarkup(page: AuditPage, node: JsonLdNode, where: Where): Finding[] {
  const business = page.businesses.find((entry) => page.nodes[entry.node] === node);
  return (business?.hidden ?? []).map(({ element, value }): Finding => (element === 'telephone'
    ? { rule: 'google-invisible-markup', severity: 'warning', ...where, element,
      message: `the telephone ${value} is in the JSON-LD but not on the page`, fix: 'show the number on the page, ideally as a tel: link' }
    : { rule: 'google-invisible-markup', severity: 'warning', ...where, element,
      message: `"${value}" is in the JSON-LD but not visible on the page`,
      fix: 'show the same value in the page text, or remove it from the markup on this page' }));
}

function isOwn(id: string | undefined, host: string): boolean {
  if (!id) return true;
  try {
    return new URL(id).host === host;
  } catch {
    return true;
  }
}

function nonEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim() !== '';
  return value !== undefined && value !== null;
}
