import { fitTitle, truncateDescription } from '../text.js';
import type { ServiceModel } from '../site-model.js';
import { routes } from '../urls.js';
import { framePage } from './page-frame.js';
import type { PlannedPage } from './page-model.js';
import type { PlanContext } from './plan-context.js';
import { DIRECTORY_THRESHOLD } from './plan-region.js';

/** A service page: the full copy, the conditions it treats and where it is offered. */
export function planService(context: PlanContext, service: ServiceModel): PlannedPage {
  const route = routes.service(service.slug);
  const conditions = service.conditionSlugs.map(context.condition);
  return framePage(context, {
    route,
    template: 'service',
    type: 'MedicalWebPage',
    title: fitTitle([`${service.name} | ${context.site.name}`, service.name]),
    description: truncateDescription(service.description),
    about: context.ids.therapy(service.slug),
    trail: [{ name: service.name, route }],
    nodes: [context.therapyNode(service), ...conditions.map((condition) => context.conditionNode(condition))],
    content: {
      heading: service.name,
      alternateNames: service.alternateNames,
      lead: service.description,
      bodyHtml: service.bodyHtml,
      conditions: conditions.map((condition) => context.link(condition.name, routes.condition(condition.slug))),
      locationCount: service.locationSlugs.length,
      directoryHref: `${context.href(routes.home())}#locations`,
      locations: service.locationSlugs.length > DIRECTORY_THRESHOLD ? [] : service.locationSlugs.map((slug) => {
        const location = context.locationSummary(slug);
        return context.link(`${location.name}, ${location.label}`, routes.locationService(slug, service.slug));
      }),
    },
  });
}
