import { checkGeo } from './address-rules.js';
import { sortProblems, type Problem } from './problems.js';
import type { Dataset } from './validate-dataset.js';
import { locatedProblem } from './zod-problems.js';

/** How far apart two coordinates with N decimals can be. */
const PRECISION = ['100 km', '10 km', '1 km', '100 m', '10 m'];

/**
 * Warnings for what Google recommends but the data does not give. The build still succeeds: a page
 * without a street address is better than a page with an invented one.
 */
export function auditDataset(dataset: Dataset): Problem[] {
  return sortProblems([...auditSite(dataset.site, dataset.locations.length), ...dataset.locations.flatMap(auditLocation)]);
}

/** The warnings about site.yaml, given how many valid locations there are. */
export function auditSite(site: Dataset['site'], locationCount: number): Problem[] {
  const warnings: Problem[] = [];
  if (!site.data.organization.logo) {
    warnings.push(warning(site, ['organization', 'logo'], 'the organization has no logo',
      'add organization.logo: a square image of at least 112x112 pixels, e.g. /images/logo.png with the file in static/images/'));
  }
  if (locationCount === 0) {
    warnings.push({ severity: 'warning', file: site.source.file, message: 'there are no locations, so no clinic pages are built',
      hint: 'add one file per clinic in data/locations/<slug>.yaml' });
  }
  return warnings;
}

/** The warnings about one location file (unsorted). */
export function auditLocation(location: Dataset['locations'][number]): Problem[] {
  const warnings: Problem[] = [];
  const warn = (path: string[], message: string, hint: string) => warnings.push(warning(location, path, message, hint));
  const { data } = location;
  if (!data.address.streetAddress) {
    warn(['address', 'streetAddress'], 'the street address is missing',
      'add address.streetAddress (e.g. 123 Main St); Google needs the full address to show the clinic in local results');
  }
  if (!data.address.postalCode) {
    warn(['address', 'postalCode'], 'the postal code is missing', 'add address.postalCode, the ZIP or postal code of the clinic');
  }
  if (data.geo) {
    for (const axis of ['latitude', 'longitude'] as const) {
      const decimalsOf = (text: string) => /\.(\d+)/.exec(text)?.[1]?.length ?? 0;
      // The number loses trailing zeros (40.69900 reads as 40.699), so look at the text as written only then.
      const written = decimalsOf(String(data.geo[axis])) >= 5 ? String(data.geo[axis]) : (location.source.rawValue(['geo', axis]) ?? String(data.geo[axis]));
      const decimals = decimalsOf(written);
      if (decimals < 5) {
        warn(['geo', axis], `${axis} ${written} has ${decimals} decimal${decimals === 1 ? '' : 's'}, which places the pin only within about ${PRECISION[decimals]}`,
          'copy at least 5 decimals from a map pin at the clinic entrance (5 decimals is about 1 m)');
      }
    }
    for (const issue of checkGeo(data.geo, data.address.addressCountry).filter((candidate) => candidate.severity === 'warning')) {
      warn(issue.path.map(String), issue.message, issue.hint);
    }
  } else {
    warn(['geo'], 'the coordinates (geo) are missing; the map link searches the address instead',
      'add geo.latitude and geo.longitude with at least 5 decimals, taken from a map pin at the clinic entrance');
  }
  if (data.openingHours.length === 0) {
    warn(['openingHours'], 'the opening hours are missing',
      'add openingHours, e.g. - { days: Monday-Friday, opens: "08:00", closes: "17:00" }');
  }
  if (data.images.length === 0) {
    warn(['images'], 'the location has no image',
      `add images: a photo of the clinic, e.g. /images/${data.slug}.jpg with the file in static/images/; Google recommends at least one`);
  }
  if (data.services.length === 0) {
    warn(['services'], 'the location lists no services, so it gets no service pages', 'list service slugs under services');
  }
  return warnings;
}

function warning(entry: Dataset['locations'][number] | Dataset['site'], path: string[], message: string, hint: string): Problem {
  return { ...locatedProblem(entry.source, path, message, hint), severity: 'warning' };
}
