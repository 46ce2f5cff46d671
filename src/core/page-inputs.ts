import { digest } from './digest.js';
import { FOOTER_LOCATIONS } from './pages/plan-context.js';
import type { PageDescriptor } from './plan-pages.js';
import { DIRECTORY_THRESHOLD, regionsOf } from './pages/plan-region.js';
import type { LocationSummary, SiteIndex } from './site-model.js';

/**
 * For each page, a hash of everything it is built from: the site-wide facts every page shows (names in the
 * navigation and footer, the organization, the templates), and the records of the location, service and
 * conditions it shows. When the hash matches the last build's, the page is the same and is neither planned
 * nor rendered again. Dependencies err on the side of re-rendering; a test checks that an incremental build
 * equals a fresh one.
 *
 * `locationRecord` gives a hash of a location's full record: the site holds only summaries, and the hash is
 * the one made when the record was stored.
 */
export function pageInputHasher<Location extends LocationSummary>(
  site: SiteIndex<Location>,
  fingerprint: string,
  locationRecord: (location: Location) => string,
): (page: PageDescriptor) => string {
  const { locations, services, conditions, ...siteFacts } = site;
  const regionList = regionsOf(site);
  const global = record({
    fingerprint,
    siteFacts,
    services: services.map(({ slug, name, type }) => [slug, name, type]),
    conditions: conditions.map(({ slug, name }) => [slug, name]),
    locationCount: locations.length,
    footer: locations.length <= FOOTER_LOCATIONS ? locations.map(({ slug, name, label }) => [slug, name, label]) : [],
    regions: regionList.map(({ key, name, locations: members }) => [key, name, members.length]),
  });
  const location = new Map(locations.map((entry) => [entry.slug, locationRecord(entry)]));
  const service = new Map(services.map((entry) => [entry.slug, record(entry)]));
  const condition = new Map(conditions.map((entry) => [entry.slug, record(entry)]));
  const servicesOf = new Map(services.map((entry) => [entry.slug, entry]));
  const locationsOf = new Map(locations.map((entry) => [entry.slug, entry]));
  const conditionsOf = new Map(conditions.map((entry) => [entry.slug, entry]));
  const everything = record([global, [...location.values()], [...service.values()], [...condition.values()]]);
  const regions = new Map(regionList.map((region) => [region.key, region.locations]));

  // One string, hashed in one call: a call into the hash per part cost more than the hashing (110,000 pages).
  const joined = (parts: (string | undefined)[]) => {
    let text = '';
    for (const part of parts) text += `|${part ?? '-'}`;
    return text;
  };
  const combine = (...parts: (string | undefined)[]) => digest('sha1', global + joined(parts));
  // A location's record and its services' go into each of its pages, one after the other: joined once.
  let last: { slug: string; text: string } | undefined;
  const locationWithServices = (slug: string) => {
    if (last?.slug !== slug) last = { slug, text: joined([location.get(slug), ...locationsOf.get(slug)!.serviceSlugs.map((entry) => service.get(entry))]) };
    return last.text;
  };
  const conditionsOfService = new Map(services.map((entry) => [entry.slug, joined(entry.conditionSlugs.map((slug) => condition.get(slug)))]));
  return (page) => {
    switch (page.kind) {
      case 'home':
      case '404':
        return combine(page.kind, everything);
      case 'location':
        return digest('sha1', `${global}|${page.kind}${locationWithServices(page.location)}`);
      case 'location-service':
        return digest('sha1', `${global}|${page.kind}${locationWithServices(page.location)}${conditionsOfService.get(page.service)!}`);
      case 'service': {
        const entry = servicesOf.get(page.service)!;
        const listed = entry.locationSlugs.length <= DIRECTORY_THRESHOLD ? entry.locationSlugs.map((slug) => location.get(slug)) : [];
        return combine(page.kind, service.get(page.service), ...entry.conditionSlugs.map((slug) => condition.get(slug)), ...listed);
      }
      case 'condition':
        return combine(page.kind, condition.get(page.condition), ...conditionsOf.get(page.condition)!.serviceSlugs.map((slug) => service.get(slug)));
      case 'region':
        return combine(page.kind, ...(regions.get(page.region) ?? []).map((slug) => location.get(slug)));
    }
  };
}

function record(value: unknown): string {
  return digest('sha1', JSON.stringify(value));
}
