import type { HoursRow, SpecialHours, SpecialHoursRow, WeeklyHours } from './hours.js';
import type { LocationType, MedicalSpecialtyName, ProcedureType, ServiceType } from './medical-vocab.js';
import type { Phone } from './phone.js';

/**
 * The normalized site: every default filled, every list sorted, every reference resolved. Its locations are
 * full records; a build of a large chain keeps only their summaries at hand (see SiteIndex).
 */
export interface SiteModel<Location extends LocationSummary = LocationModel> {
  /** Absolute, without a trailing slash. */
  baseUrl: string;
  name: string;
  /** BCP 47, e.g. `en-US`. */
  language: string;
  /** Open Graph form, e.g. `en_US`. */
  ogLocale: string;
  description: string;
  organization: OrganizationModel;
  locations: Location[];
  services: ServiceModel[];
  conditions: ConditionModel[];
}

/** The business behind the site. */
export interface OrganizationModel {
  name: string;
  logo?: string;
  sameAs: string[];
  telephone?: Phone;
}

/** A postal address exactly as it appears in JSON-LD and on the page. */
export interface AddressModel {
  streetAddress?: string;
  addressLocality: string;
  addressRegion: string;
  postalCode?: string;
  addressCountry: string;
}

/** One real clinic location. */
export interface LocationModel {
  slug: string;
  name: string;
  /** Where it is, unique among the locations: `Kearney, NE`, or with the street when two share a city. */
  label: string;
  types: LocationType[];
  specialties: MedicalSpecialtyName[];
  /** The clinic's own description, when the data gives one. */
  description?: string;
  address: AddressModel;
  telephone: Phone;
  geo?: { latitude: number; longitude: number };
  openingHours: WeeklyHours[];
  specialHours: SpecialHours[];
  hoursTable: HoursRow[];
  specialHoursRows: SpecialHoursRow[];
  /** Slugs of the services offered here, sorted. */
  serviceSlugs: string[];
  isAcceptingNewPatients?: boolean;
  areaServed: string[];
  /** The location's own website, when it has one apart from this site. */
  externalUrl?: string;
  /** Absolute image URLs. */
  images: string[];
  /** A map link from the coordinates, or from the address when there are none. */
  mapUrl: string;
}

/**
 * What pages other than a location's own show of it, and what the walk over the pages needs: a few hundred
 * bytes, where the full record is a few kilobytes. A full LocationModel is a LocationSummary too.
 */
export interface LocationSummary {
  slug: string;
  name: string;
  label: string;
  address: Pick<AddressModel, 'streetAddress' | 'addressLocality' | 'addressRegion' | 'addressCountry'>;
  telephone: Phone;
  serviceSlugs: string[];
  images: string[];
}

/** The site with location summaries: what site-wide pages and the page walk need. Full records are looked up. */
export type SiteIndex<Location extends LocationSummary = LocationSummary> = SiteModel<Location>;

/** A therapy or procedure the clinic offers. */
export interface ServiceModel {
  slug: string;
  name: string;
  alternateNames: string[];
  type: ServiceType;
  procedureType?: ProcedureType;
  bodyLocation?: string;
  relevantSpecialty?: MedicalSpecialtyName;
  description: string;
  bodyHtml: string;
  conditionSlugs: string[];
  locationSlugs: string[];
}

/** A condition one or more services treat. */
export interface ConditionModel {
  slug: string;
  name: string;
  alternateNames: string[];
  description: string;
  bodyHtml: string;
  serviceSlugs: string[];
}
