import { specialHoursRows, weeklyHoursTable } from './hours.js';
import { firstParagraphText, renderMarkdown } from './markdown.js';
import { DESCRIPTION_LIMIT, listText, truncateText } from './text.js';
import type { ServiceType, MedicalSpecialtyName } from './medical-vocab.js';
import { parsePhone, type Phone } from './phone.js';
import type { ConditionData, LocationData, ServiceData, SiteData } from './schema.js';
import type { ConditionModel, LocationModel, LocationSummary, ServiceModel, SiteModel } from './site-model.js';
import { mapSearchUrl, normalizeBaseUrl } from './urls.js';
import type { Dataset, Entry } from './validate-dataset.js';

const DEFAULT_SPECIALTY: Partial<Record<ServiceType, MedicalSpecialtyName>> = { PhysicalTherapy: 'Physiotherapy' };

/** Turn validated data into the site model: fill every default once, sort everything, resolve references. */
export function normalizeDataset(dataset: Dataset, options: { baseUrl?: string } = {}): SiteModel {
  const baseUrl = siteBaseUrl(dataset.site.data, options);
  const entries = [...dataset.locations].sort((a, b) => compareSlugs(a.data, b.data));
  const locations = withUniqueLabels(entries.map((entry) => normalizeLocation(entry.data, baseUrl, dataset.site.data.language)));
  return normalizeSite(dataset, locations, options);
}

/** The order of every list of locations, services and conditions. */
export function compareSlugs(a: { slug: string }, b: { slug: string }): number {
  return a.slug.localeCompare(b.slug);
}

/** The site's base URL: the one given for this build, else site.yaml's, normalized. */
export function siteBaseUrl(site: SiteData, options: { baseUrl?: string }): string {
  return normalizeBaseUrl(options.baseUrl ?? site.baseUrl);
}

/**
 * The site model around locations already normalized, sorted by slug and labeled (withUniqueLabels): full
 * records, or the summaries a large chain's build keeps.
 */
export function normalizeSite<Location extends LocationSummary>(
  dataset: Pick<Dataset, 'site' | 'services' | 'conditions'>,
  locations: Location[],
  options: { baseUrl?: string } = {},
): SiteModel<Location> {
  const site = dataset.site.data;
  const baseUrl = siteBaseUrl(site, options);
  const services = [...dataset.services].sort((a, b) => compareSlugs(a.data, b.data)).map((entry) => normalizeService(entry, locations));
  const conditions = [...dataset.conditions].sort((a, b) => compareSlugs(a.data, b.data)).map((entry) => normalizeCondition(entry, services));
  const defaultCountry = locations[0]?.address.addressCountry ?? 'US';
  const organizationPhone: Phone | undefined = site.organization.telephone
    ? parsePhone(site.organization.telephone, defaultCountry)
    : locations[0]?.telephone;

  return {
    baseUrl,
    name: site.name,
    language: site.language,
    ogLocale: site.language.replace('-', '_'),
    description: site.description ?? defaultSiteDescription(site.name, services, locations),
    organization: {
      name: site.organization.name,
      ...(site.organization.logo ? { logo: absoluteAsset(baseUrl, site.organization.logo) } : {}),
      sameAs: [...site.organization.sameAs].sort(),
      ...(organizationPhone ? { telephone: organizationPhone } : {}),
    },
    locations,
    services,
    conditions,
  };
}

/** What the site-wide pages need of a location (see LocationSummary). */
export function summarizeLocation(location: LocationModel): LocationSummary {
  const { slug, name, label, address, telephone, serviceSlugs, images } = location;
  const { streetAddress, addressLocality, addressRegion, addressCountry } = address;
  return {
    slug,
    name,
    label,
    address: { ...(streetAddress ? { streetAddress } : {}), addressLocality, addressRegion, addressCountry },
    telephone,
    serviceSlugs,
    images,
  };
}

/** One location's record. Its label is final only after withUniqueLabels has seen every location. */
export function normalizeLocation(data: LocationData, baseUrl: string, language: string): LocationModel {
  const { address } = data;
  const telephone = parsePhone(data.telephone, address.addressCountry);
  // Validation has already rejected invalid numbers; this guards the type.
  if (!telephone) throw new Error(`invalid telephone slipped through validation: ${data.telephone}`);
  const addressText = [data.name, address.streetAddress, address.addressLocality, address.addressRegion, address.postalCode, address.addressCountry]
    .filter(Boolean)
    .join(', ');
  const specialHours = data.specialHours.map((entry) => ({
    from: (entry.date ?? entry.from)!,
    through: (entry.date ?? entry.through)!,
    ...(entry.opens ? { opens: entry.opens, closes: entry.closes! } : {}),
    closed: entry.closed === true,
    ...(entry.label ? { label: entry.label } : {}),
  }));
  return {
    slug: data.slug,
    name: data.name,
    label: `${address.addressLocality}, ${address.addressRegion}`,
    types: [...new Set(data.types)],
    specialties: [...new Set(data.medicalSpecialty)].sort(),
    ...(data.description ? { description: data.description } : {}),
    address: { ...address },
    telephone,
    ...(data.geo ? { geo: { ...data.geo } } : {}),
    openingHours: data.openingHours,
    specialHours,
    hoursTable: weeklyHoursTable(data.openingHours, language),
    specialHoursRows: specialHoursRows(specialHours, language),
    serviceSlugs: [...new Set(data.services)].sort(),
    ...(data.isAcceptingNewPatients !== undefined ? { isAcceptingNewPatients: data.isAcceptingNewPatients } : {}),
    areaServed: [...new Set(data.areaServed)],
    ...(data.url ? { externalUrl: data.url } : {}),
    images: data.images.map((image) => absoluteAsset(baseUrl, image)),
    mapUrl: mapSearchUrl(data.geo ? `${data.geo.latitude},${data.geo.longitude}` : addressText),
  };
}

/** Locations that share a city are told apart by street address (or slug), so titles stay unique. */
export function withUniqueLabels<Location extends LocationSummary>(locations: Location[]): Location[] {
  const count = new Map<string, number>();
  for (const location of locations) count.set(location.label, (count.get(location.label) ?? 0) + 1);
  return locations.map((location) =>
    count.get(location.label)! > 1
      ? { ...location, label: `${location.address.streetAddress ?? location.slug}, ${location.label}` }
      : location,
  );
}

function normalizeService(entry: Entry<ServiceData>, locations: LocationSummary[]): ServiceModel {
  const { data, body } = entry;
  const relevantSpecialty = data.relevantSpecialty ?? DEFAULT_SPECIALTY[data.type];
  return {
    slug: data.slug,
    name: data.name,
    alternateNames: data.alternateName,
    type: data.type,
    ...(data.procedureType ? { procedureType: data.procedureType } : {}),
    ...(data.bodyLocation ? { bodyLocation: data.bodyLocation } : {}),
    ...(relevantSpecialty ? { relevantSpecialty } : {}),
    description: data.description ?? defaultDescription(body, `${data.name}: what it is and what it treats.`),
    bodyHtml: renderMarkdown(body),
    conditionSlugs: [...new Set(data.conditions)].sort(),
    locationSlugs: locations.filter((location) => location.serviceSlugs.includes(data.slug)).map((location) => location.slug),
  };
}

function normalizeCondition(entry: Entry<ConditionData>, services: ServiceModel[]): ConditionModel {
  const { data, body } = entry;
  return {
    slug: data.slug,
    name: data.name,
    alternateNames: data.alternateName,
    description: data.description ?? defaultDescription(body, `${data.name}: symptoms and treatment options.`),
    bodyHtml: renderMarkdown(body),
    serviceSlugs: services.filter((service) => service.conditionSlugs.includes(data.slug)).map((service) => service.slug),
  };
}

function defaultDescription(body: string, fallback: string): string {
  const text = firstParagraphText(body);
  return text ? truncateText(text, DESCRIPTION_LIMIT) : fallback;
}

function defaultSiteDescription(name: string, services: ServiceModel[], locations: LocationSummary[]): string {
  const cities = [...new Set(locations.map((location) => `${location.address.addressLocality}, ${location.address.addressRegion}`))];
  const offer = services.length > 0 ? listText(services.map((service) => service.name.toLowerCase())) : 'care';
  const where = cities.length > 0 && cities.length <= 3 ? ` in ${listText(cities)}` : '';
  return truncateText(`${name} offers ${offer}${where}.`, DESCRIPTION_LIMIT);
}

function absoluteAsset(baseUrl: string, pathOrUrl: string): string {
  return pathOrUrl.startsWith('/') ? baseUrl + pathOrUrl : pathOrUrl;
}
