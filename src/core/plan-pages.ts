import { planCondition } from './pages/plan-condition.js';
import { planContext, type PlanContext } from './pages/plan-context.js';
import { planHome } from './pages/plan-home.js';
import { planLocationService } from './pages/plan-location-service.js';
import { planLocation } from './pages/plan-location.js';
import { planNotFound } from './pages/plan-not-found.js';
import { planRegion, regionsOf } from './pages/plan-region.js';
import { planService } from './pages/plan-service.js';
import type { PlannedPage } from './pages/page-model.js';
import type { SiteModel } from './site-model.js';
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
export function listPages(site: SiteModel): PageDescriptor[] {
  const pages: Omit<PageDescriptor, 'file'>[] = [
    { kind: 'home', route: routes.home() },
    ...site.locations.map((location) => ({ kind: 'location' as const, route: routes.location(location.slug), location: location.slug })),
    ...site.locations.flatMap((location) =>
      location.serviceSlugs.map((service) => ({
        kind: 'location-service' as const,
        route: routes.locationService(location.slug, service),
        location: location.slug,
        service,
      })),
    ),
    ...site.services.map((service) => ({ kind: 'service' as const, route: routes.service(service.slug), service: service.slug })),
    ...site.conditions.map((condition) => ({ kind: 'condition' as const, route: routes.condition(condition.slug), condition: condition.slug })),
    ...regionsOf(site).map((region) => ({ kind: 'region' as const, route: routes.region(region.key), region: region.key })),
    { kind: '404', route: routes.notFound() },
  ];
  return pages
    .map((page) => ({ ...page, file: outputFileFor(page.route) }) as PageDescriptor)
    .sort((a, b) => (a.route < b.route ? -1 : a.route > b.route ? 1 : 0));
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
