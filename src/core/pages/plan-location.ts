import { fitTitle, listText, truncateDescription } from '../text.js';
import type { LocationModel } from '../site-model.js';
import { routes } from '../urls.js';
import { framePage, locationCard } from './page-frame.js';
import type { PlannedPage } from './page-model.js';
import { localHref, type PlanContext } from './plan-context.js';

/** A location page: NAP, hours, map, the services offered here and a call to action. */
export function planLocation(context: PlanContext, location: LocationModel): PlannedPage {
  const route = routes.location(location.slug);
  const services = location.serviceSlugs.map(context.service);
  const offer = services.length > 0 ? listText(services.map((service) => service.name.toLowerCase())) : '';
  return framePage(context, {
    route,
    template: 'location',
    type: 'WebPage',
    title: fitTitle([`${location.name} in ${location.label}`, `${location.name}, ${location.label}`]),
    description: truncateDescription(
      location.description ??
        // The page promises only what it shows: an address once the street is known.
        `${location.name} in ${location.label}${offer ? ` offers ${offer}` : ''}. ${location.address.streetAddress ? 'Address, telephone' : 'Telephone'} ${location.telephone.national}` +
          `${location.hoursTable.length > 0 ? ', opening hours' : ''} and directions.`,
    ),
    about: context.ids.clinic(location.slug),
    trail: [{ name: `${location.name}, ${location.label}`, route }],
    nodes: [context.clinicNode(location), ...services.map((service) => context.therapyNode(service))],
    image: location.images[0],
    content: {
      heading: `${location.name} in ${location.label}`,
      lead:
        location.description ??
        `${location.name} offers ${offer || 'care'} in ${location.address.addressLocality}, ${location.address.addressRegion}.`,
      location: locationCard(context, location),
      areaServed: location.areaServed,
      externalUrl: location.externalUrl,
      photo: location.images[0] && {
        src: localHref(context, location.images[0]),
        alt: `${location.name} in ${location.address.addressLocality}`,
      },
      services: services.map((service) => ({
        ...context.link(service.name, routes.locationService(location.slug, service.slug)),
        description: service.description,
      })),
    },
  });
}
