import { planCondition } from './pages/plan-condition.js';
import { planContext } from './pages/plan-context.js';
import { planHome } from './pages/plan-home.js';
import { planLocationService } from './pages/plan-location-service.js';
import { planLocation } from './pages/plan-location.js';
import { planNotFound } from './pages/plan-not-found.js';
import { planService } from './pages/plan-service.js';
import type { PlannedPage } from './pages/page-model.js';
import type { SiteModel } from './site-model.js';

/**
 * Every page of the site, sorted by route. Location x service pages exist only where the location
 * really offers the service: no pages for places without a clinic.
 */
export function planPages(site: SiteModel): PlannedPage[] {
  const context = planContext(site);
  const pages = [
    planHome(context),
    ...site.locations.map((location) => planLocation(context, location)),
    ...site.locations.flatMap((location) =>
      location.serviceSlugs.map((slug) => planLocationService(context, location, context.service(slug))),
    ),
    ...site.services.map((service) => planService(context, service)),
    ...site.conditions.map((condition) => planCondition(context, condition)),
    planNotFound(context),
  ];
  return pages.sort((a, b) => (a.route < b.route ? -1 : a.route > b.route ? 1 : 0));
}
