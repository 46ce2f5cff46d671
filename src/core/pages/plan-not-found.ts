import { routes } from '../urls.js';
import { framePage } from './page-frame.js';
import type { PlannedPage } from './page-model.js';
import type { PlanContext } from './plan-context.js';

/** The 404 page: not indexable, not in the sitemap, with a way back. */
export function planNotFound(context: PlanContext): PlannedPage {
  const route = routes.notFound();
  return framePage(context, {
    route,
    template: '404',
    type: 'WebPage',
    title: `Page not found | ${context.site.name}`,
    description: `This page of ${context.site.name} does not exist. Find our locations, services and the conditions we treat from the home page.`,
    trail: [{ name: 'Page not found', route }],
    nodes: [],
    indexable: false,
    content: {
      heading: 'Page not found',
      services: context.site.services.map((service) => context.link(service.name, routes.service(service.slug))),
    },
  });
}
