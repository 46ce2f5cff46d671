import { fitTitle, listText } from '../text.js';
import { routes } from '../urls.js';
import { framePage, locationCard } from './page-frame.js';
import type { PlannedPage } from './page-model.js';
import type { PlanContext } from './plan-context.js';

/** The home page: who the clinic is, every location with its NAP, every service and condition. */
export function planHome(context: PlanContext): PlannedPage {
  const { site } = context;
  const regions = context.regions();
  const offer = site.services.map((service) => service.name);
  const cities = [...new Set(site.locations.map((location) => location.label))];
  const where = cities.length === 1 ? ` in ${cities[0]}` : '';
  // The most informative title that search results show in full.
  const candidates = [
    ...(offer.length === 1 ? [1] : [3, 2]).filter((count) => offer.length >= count).map((count) => `${site.name} | ${listText(offer.slice(0, count))}${where}`),
    ...(cities.length === 1 ? [`${site.name} | ${cities[0]}`] : []),
  ];
  const title = fitTitle([...candidates, site.name]);
  return framePage(context, {
    route: routes.home(),
    template: 'home',
    type: 'WebPage',
    title,
    description: site.description,
    about: context.ids.organization,
    trail: [],
    nodes: regions.length > 0 ? [] : site.locations.map((location) => context.clinicNode(context.location(location.slug))),
    image: site.locations.flatMap((location) => location.images)[0],
    content: {
      heading: site.name,
      lead: site.description,
      regions: regions.map((region) => ({ ...context.link(region.name, routes.region(region.key)), count: region.locations.length })),
      locations: regions.length > 0 ? [] : site.locations.map(({ slug }) => context.location(slug)).map((location) => ({
        ...locationCard(context, location),
        services: location.serviceSlugs.map((slug) =>
          context.link(context.service(slug).name, routes.locationService(location.slug, slug)),
        ),
      })),
      services: site.services.map((service) => ({
        ...context.link(service.name, routes.service(service.slug)),
        description: service.description,
      })),
      conditions: site.conditions.map((condition) => context.link(condition.name, routes.condition(condition.slug))),
    },
  });
}
