/**
 * What an address must look like in the countries we know well (US, CA, GB): region codes, postal codes
 * and the box the coordinates must fall in. Other countries are accepted as written.
 */

/** The rules of one country. */
interface CountryRules {
  /** Allowed addressRegion codes, when the country uses codes. */
  regions?: Map<string, string>;
  postalCode: RegExp;
  postalExample: string;
  /** Rough bounding box, generous at the edges (islands, territories). */
  latitude: [number, number];
  longitude: [number, number];
}

const US_REGIONS: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois',
  IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania',
  RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  AS: 'American Samoa', GU: 'Guam', MP: 'Northern Mariana Islands', PR: 'Puerto Rico', VI: 'U.S. Virgin Islands',
};

const CA_REGIONS: Record<string, string> = {
  AB: 'Alberta', BC: 'British Columbia', MB: 'Manitoba', NB: 'New Brunswick', NL: 'Newfoundland and Labrador',
  NS: 'Nova Scotia', NT: 'Northwest Territories', NU: 'Nunavut', ON: 'Ontario', PE: 'Prince Edward Island',
  QC: 'Quebec', SK: 'Saskatchewan', YT: 'Yukon',
};

const RULES: Record<string, CountryRules> = {
  US: {
    regions: new Map(Object.entries(US_REGIONS)),
    postalCode: /^\d{5}(-\d{4})?$/,
    postalExample: '68847 or 68847-1234',
    latitude: [13, 72],
    longitude: [-180, -64],
  },
  CA: {
    regions: new Map(Object.entries(CA_REGIONS)),
    postalCode: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/,
    postalExample: 'K1A 0B1',
    latitude: [41, 84],
    longitude: [-142, -52],
  },
  GB: {
    postalCode: /^(GIR ?0AA|[A-PR-UWYZ](\d[A-HJKPSTUW]?|[A-HK-Y]\d[ABEHMNPRV-Y]?|\d{2}|[A-HK-Y]\d{2}) ?\d[ABD-HJLNP-UW-Z]{2})$/,
    postalExample: 'SW1A 1AA',
    latitude: [49, 61],
    longitude: [-9, 2],
  },
};

/** A problem with one address field: the field, what is wrong, how to fix it. */
export interface AddressIssue {
  path: (string | number)[];
  message: string;
  hint: string;
  severity: 'error' | 'warning';
}

/** Check region and postal code against the country's rules. */
export function checkAddress(address: { addressRegion: string; postalCode?: string | undefined; addressCountry: string }): AddressIssue[] {
  const rules = RULES[address.addressCountry];
  if (!rules) return [];
  const issues: AddressIssue[] = [];
  if (rules.regions && !rules.regions.has(address.addressRegion)) {
    const byName = [...rules.regions].find(([, name]) => name.toLowerCase() === address.addressRegion.trim().toLowerCase());
    issues.push({
      path: ['address', 'addressRegion'],
      severity: 'error',
      message: `"${address.addressRegion}" is not a region code of ${address.addressCountry}`,
      hint: byName
        ? `write the two-letter code "${byName[0]}" for ${byName[1]}`
        : `use the two-letter code, one of: ${[...rules.regions.keys()].join(', ')}`,
    });
  }
  if (typeof address.postalCode === 'string' && address.postalCode.trim() !== '' && !rules.postalCode.test(address.postalCode.trim().toUpperCase())) {
    issues.push({
      path: ['address', 'postalCode'],
      severity: 'error',
      message: `"${address.postalCode}" is not a valid postal code for ${address.addressCountry}`,
      hint: `write it like ${rules.postalExample}${/^\d+$/.test(address.postalCode.trim()) ? '; put it in quotes so leading zeros are kept' : ''}`,
    });
  }
  return issues;
}

/** Latitude within ±90 and longitude within ±180, or a note that they are swapped. */
export function checkGeoRange(geo: { latitude: number; longitude: number }): AddressIssue[] {
  const latitudeOk = Math.abs(geo.latitude) <= 90;
  const longitudeOk = Math.abs(geo.longitude) <= 180;
  if (latitudeOk && longitudeOk) return [];
  if (!latitudeOk && Math.abs(geo.longitude) <= 90 && Math.abs(geo.latitude) <= 180) {
    return [{
      path: ['geo'],
      severity: 'error',
      message: `latitude ${geo.latitude} and longitude ${geo.longitude} look swapped`,
      hint: `swap them: latitude: ${geo.longitude}, longitude: ${geo.latitude}`,
    }];
  }
  const hint = 'latitude runs from -90 to 90 and longitude from -180 to 180; copy both from a map pin at the clinic entrance';
  return [
    ...(latitudeOk ? [] : [{ path: ['geo', 'latitude'], severity: 'error' as const, message: `${geo.latitude} is not a latitude`, hint }]),
    ...(longitudeOk ? [] : [{ path: ['geo', 'longitude'], severity: 'error' as const, message: `${geo.longitude} is not a longitude`, hint }]),
  ];
}

/** Check coordinates fall inside the country, and catch latitude and longitude written the wrong way round. */
export function checkGeo(geo: { latitude: number; longitude: number }, country: string): AddressIssue[] {
  const rules = RULES[country];
  if (!rules) return [];
  const inside = (lat: number, lon: number) =>
    lat >= rules.latitude[0] && lat <= rules.latitude[1] && lon >= rules.longitude[0] && lon <= rules.longitude[1];
  if (inside(geo.latitude, geo.longitude)) return [];
  if (inside(geo.longitude, geo.latitude)) {
    return [{
      path: ['geo'],
      severity: 'error',
      message: `latitude ${geo.latitude} and longitude ${geo.longitude} look swapped`,
      hint: `swap them: latitude: ${geo.longitude}, longitude: ${geo.latitude}`,
    }];
  }
  return [{
    path: ['geo'],
    severity: 'warning',
    message: `the coordinates ${geo.latitude}, ${geo.longitude} are outside ${country}`,
    hint: 'copy them again from a map pin at the clinic entrance; a minus sign is easy to lose',
  }];
}

/** The full name of a region code where we know it (`NE` -> `Nebraska`), else the code itself. */
export function regionName(country: string, region: string): string {
  return RULES[country]?.regions?.get(region) ?? region;
}
