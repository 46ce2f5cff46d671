import { planCondition } from './pages/plan-condition.js';
import { planContext, type PlanContext } from './pages/plan-context.js';
import { planHome } from './pages/plan-home.js';
import { planLocationService } from './pages/plan-location-service.js';
import { planLocation } from './pages/plan-location.js';
import { planNotFound } from './pages/plan-not-found.js';
import { planRegion, regionsOf } from './pages/plan-region.js';
import { planService } from './pages/plan-service.js';
import type { PlannedPage } from './pages/page-model.js';
import type { LocationSummary, SiteIndex, SiteModel } from './site-model.js';
import { outputFileFor, routes, type Route } from './urls.js';

/** What a page is, cheaply: enough to plan it later, in any thread. */
export type PageDescriptor = { route: Route; file: string } & (
  | { kind: 'home' }
  | { kind: 'location'; location: string }
  | { kind: 'location-service'; location: string; service: string }
  | { kind: 'service'; service: string }
  | { kind: 'condition'; condition: string }
  | { kind: 'region'; region: string }
  | { kind: '404' }
);

/** Pages that search engines may index and the sitemap lists. */
export function isIndexable(page: PageDescriptor): boolean {
  return page.kind !== '404';
}

/**
 * Every page of the site, as descriptors sorted by route. Location x service pages exist only where the
 * location really offers the service: no pages for places without a clinic.
 */
export function listPages(site: SiteIndex): PageDescriptor[] {
  return [...eachPage(site)];
}

/**
 * The pages of `listPages`, in the same order, made one location at a time, so a chain of any size can be
 * walked without holding a descriptor for every page.
 */
export function* eachPage(site: SiteIndex): Generator<PageDescriptor> {
  for (const group of pageGroups(site)) yield* group.pages;
}

/** Pages of one location (with its summary), or a run of site-wide pages (no location). */
export interface PageGroup<Location extends LocationSummary> {
  location?: Location;
  pages: PageDescriptor[];
}

/**
 * The pages of `eachPage` in groups: a location's pages all share the prefix `/locations/<slug>/`, so they
 * sort together, between the site-wide pages before and after them.
 */
export function* pageGroups<Location extends LocationSummary>(site: SiteIndex<Location>): Generator<PageGroup<Location>> {
  const shared = sitePages(site);
  const locations = [...site.locations].sort((a, b) => compareRoutes(routes.location(a.slug), routes.location(b.slug)));
  let next = 0;
  for (const location of locations) {
    const pages = locationPages(location);
    const before = next;
    while (next < shared.length && compareRoutes(shared[next]!.route, pages[0]!.route) < 0) next++;
    if (next > before) yield { pages: shared.slice(before, next) };
    yield { location, pages };
  }
  if (next < shared.length) yield { pages: shared.slice(next) };
}

/** How many pages the walk has, without making them. */
export function countPages(site: SiteIndex): number {
  return site.locations.reduce((sum, location) => sum + 1 + location.serviceSlugs.length, sitePages(site).length);
}

/** The pages that are not about one location (home, services, conditions, regions, 404), sorted by route. */
export function sitePages(site: SiteIndex): PageDescriptor[] {
  return withFiles([
    { kind: 'home', route: routes.home() },
    ...site.services.map((service) => ({ kind: 'service' as const, route: routes.service(service.slug), service: service.slug })),
    ...site.conditions.map((condition) => ({ kind: 'condition' as const, route: routes.condition(condition.slug), condition: condition.slug })),
    ...regionsOf(site).map((region) => ({ kind: 'region' as const, route: routes.region(region.key), region: region.key })),
    { kind: '404', route: routes.notFound() },
  ]);
}

/** One location's page and its location x service pages, sorted by route. */
export function locationPages(location: LocationSummary): PageDescriptor[] {
  return withFiles([
    { kind: 'location', route: routes.location(location.slug), location: location.slug },
    ...location.serviceSlugs.map((service) => ({
      kind: 'location-service' as const,
      route: routes.locationService(location.slug, service),
      location: location.slug,
      service,
    })),
  ]);
}

/** True for pages about one location, which render workers plan from that location's record alone. */
export function isLocationPage(page: PageDescriptor): page is Extract<PageDescriptor, { kind: 'location' | 'location-service' }> {
  return page.kind === 'location' || page.kind === 'location-service';
}

/** A descriptor before its output file is known. */
type Unfiled = PageDescriptor extends infer Page ? (Page extends unknown ? Omit<Page, 'file'> : never) : never;

function withFiles(pages: Unfiled[]): PageDescriptor[] {
  return pages.map((page) => ({ ...page, file: outputFileFor(page.route) }) as PageDescriptor).sort((a, b) => compareRoutes(a.route, b.route));
}

function compareRoutes(a: Route, b: Route): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plan one page: its view model and JSON-LD graph. */
export function planPage(context: PlanContext, page: PageDescriptor): PlannedPage {
  switch (page.kind) {
    case 'home':
      return planHome(context);
    case 'location':
      return planLocation(context, context.location(page.location));
    case 'location-service':
      return planLocationService(context, context.location(page.location), context.service(page.service));
    case 'service':
      return planService(context, context.service(page.service));
    case 'condition':
      return planCondition(context, context.condition(page.condition));
    case 'region':
      return planRegion(context, page.region);
    case '404':
      return planNotFound(context);
  }
}

/** Every page of the site, planned (for small sites and tests; builds plan page by page). */
export function planPages(site: SiteModel): PlannedPage[] {
  const context = planContext(site);
  return listPages(site).map((page) => planPage(context, page));
}
