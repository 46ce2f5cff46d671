import type { DayOfWeek, MedicalClinic, MedicalSpecialty, OpeningHoursSpecification } from 'schema-dts';
import type { LocationModel } from '../site-model.js';
import { schemaUrl, TYPES_WITH_SERVICES } from '../medical-vocab.js';
import { idRef, routes } from '../urls.js';
import { optional, type GraphContext, type GraphNode } from './graph-context.js';

/** One clinic location: NAP, geo, hours, specialties and the therapies it offers. */
export function buildMedicalClinic(context: GraphContext, location: LocationModel): GraphNode<MedicalClinic> {
  const { ids, url } = context;
  const offersServices = location.types.some((type) => TYPES_WITH_SERVICES.includes(type));
  const specialties: MedicalSpecialty[] = location.specialties.map((specialty) => schemaUrl(specialty));
  const services = location.serviceSlugs.map((slug) => idRef(ids.therapy(slug)));
  const node = {
    // schema-dts models one @type per node; a location may have several (MedicalClinic + Physiotherapy).
    '@type': (location.types.length === 1 ? location.types[0] : location.types) as 'MedicalClinic',
    '@id': ids.clinic(location.slug),
    name: location.name,
    ...optional('description', location.description),
    url: location.externalUrl ?? url(routes.location(location.slug)),
    telephone: location.telephone.international,
    address: {
      '@type': 'PostalAddress',
      ...optional('streetAddress', location.address.streetAddress),
      addressLocality: location.address.addressLocality,
      addressRegion: location.address.addressRegion,
      ...optional('postalCode', location.address.postalCode),
      addressCountry: location.address.addressCountry,
    },
    ...optional(
      'geo',
      location.geo && { '@type': 'GeoCoordinates', latitude: location.geo.latitude, longitude: location.geo.longitude },
    ),
    hasMap: location.mapUrl,
    ...optional('openingHoursSpecification', openingHoursSpecification(location)),
    ...optional('image', location.images),
    ...optional('areaServed', location.areaServed),
    ...optional('isAcceptingNewPatients', location.isAcceptingNewPatients),
    ...(offersServices ? optional('medicalSpecialty', specialties) : {}),
    ...(offersServices ? optional('availableService', services) : {}),
    parentOrganization: idRef(ids.organization),
  } satisfies GraphNode<MedicalClinic>;
  return node as GraphNode<MedicalClinic>;
}

/** Weekly shifts, then special hours; a closed day is opens = closes = 00:00, as Google documents. */
function openingHoursSpecification(location: LocationModel): OpeningHoursSpecification[] {
  const weekly = location.openingHours.map((entry) => ({
    '@type': 'OpeningHoursSpecification' as const,
    dayOfWeek: entry.days.map((day): DayOfWeek => schemaUrl(day)),
    opens: entry.opens,
    closes: entry.closes,
  }));
  const special = location.specialHours.map((entry) => ({
    '@type': 'OpeningHoursSpecification' as const,
    opens: entry.closed ? '00:00' : entry.opens!,
    closes: entry.closed ? '00:00' : entry.closes!,
    validFrom: entry.from,
    validThrough: entry.through,
  }));
  return [...weekly, ...special] as OpeningHoursSpecification[];
}
