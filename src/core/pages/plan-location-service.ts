import { fitTitle, truncateDescription } from '../text.js';
import type { LocationModel, ServiceModel } from '../site-model.js';
import { routes } from '../urls.js';
import { framePage, locationCard } from './page-frame.js';
import type { PlannedPage } from './page-model.js';
import type { PlanContext } from './plan-context.js';

/** A service at a location that really offers it: the service summary plus that clinic's NAP and hours. */
export function planLocationService(context: PlanContext, location: LocationModel, service: ServiceModel): PlannedPage {
  const route = routes.locationService(location.slug, service.slug);
  const conditions = service.conditionSlugs.map(context.condition);
  const otherServices = location.serviceSlugs.filter((slug) => slug !== service.slug).map(context.service);
  const where = `${location.address.addressLocality}, ${location.address.addressRegion}`;
  return framePage(context, {
    route,
    template: 'location-service',
    type: 'MedicalWebPage',
    title: fitTitle([`${service.name} in ${location.label} | ${location.name}`, `${service.name} in ${location.label}`]),
    description: truncateDescription(
      `${service.name} at ${location.name} in ${where}. Call ${location.telephone.national}. ${service.description}`,
    ),
    about: context.ids.therapy(service.slug),
    trail: [
      { name: `${location.name}, ${location.label}`, route: routes.location(location.slug) },
      { name: service.name, route },
    ],
    nodes: [
      context.clinicNode(location),
      context.therapyNode(service),
      ...conditions.map((condition) => context.conditionNode(condition)),
    ],
    image: location.images[0],
    content: {
      heading: `${service.name} in ${location.label}`,
      lead: `${location.name} offers ${service.name.toLowerCase()} at its ${location.address.addressLocality} clinic.`,
      summary: service.description,
      serviceLink: context.link(`More about ${service.name.toLowerCase()}`, routes.service(service.slug)),
      conditions: conditions.map((condition) => context.link(condition.name, routes.condition(condition.slug))),
      location: locationCard(context, location),
      otherServices: otherServices.map((other) => context.link(other.name, routes.locationService(location.slug, other.slug))),
    },
  });
}
