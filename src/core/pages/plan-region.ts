import { regionName } from '../address-rules.js';
import type { SiteIndex } from '../site-model.js';
import { routes } from '../urls.js';
import { framePage } from './page-frame.js';
import type { PlannedPage } from './page-model.js';
import type { PlanContext } from './plan-context.js';

/**
 * Above this many locations, the home page lists regions instead of every clinic, and each region gets a
 * directory page: a page with 10,000 clinic cards (and their JSON-LD) helps no patient and no crawler.
 */
export const DIRECTORY_THRESHOLD = 24;

/** A region with clinics, e.g. `us-ne` for Nebraska. */
export interface Region {
  key: string;
  name: string;
  locations: string[];
}

/** The regions that get directory pages (none for small sites), sorted by key. */
export function regionsOf(site: SiteIndex): Region[] {
  if (site.locations.length <= DIRECTORY_THRESHOLD) return [];
  const regions = new Map<string, Region>();
  for (const location of site.locations) {
    const { addressCountry, addressRegion } = location.address;
    const key = `${addressCountry}-${addressRegion}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'other';
    const region = regions.get(key) ?? { key, name: `${regionName(addressCountry, addressRegion)}, ${addressCountry}`, locations: [] };
    region.locations.push(location.slug);
    regions.set(key, region);
  }
  return [...regions.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** A directory page: the clinics of one region, with links to their pages. */
export function planRegion(context: PlanContext, key: string): PlannedPage {
  const region = context.regions().find((candidate) => candidate.key === key)!;
  const route = routes.region(key);
  const title = `${context.site.name} locations in ${region.name}`;
  return framePage(context, {
    route,
    template: 'region',
    type: 'CollectionPage',
    title,
    description: `All ${region.locations.length} ${context.site.name} locations in ${region.name}, with their addresses, phone numbers and services.`,
    trail: [{ name: `Locations in ${region.name}`, route }],
    nodes: [],
    content: {
      heading: title,
      locations: region.locations.map((slug) => {
        const location = context.locationSummary(slug);
        return { ...context.link(`${location.name}, ${location.label}`, routes.location(slug)), description: location.telephone.national };
      }),
    },
  });
}
