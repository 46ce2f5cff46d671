import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { itPassesCrawlerChecks } from './helpers/assert-site.js';
import { buildInto, FIXTURES } from './helpers/build.js';
import { crawl, typesOf, visibleText, type CrawledSite, type JsonNode } from './helpers/crawl.js';

const BASE = 'https://prairie-motion.example/clinics';
const DATA = path.join(FIXTURES, 'multi-location');
let site: CrawledSite;

beforeAll(async () => {
  const result = await buildInto(DATA);
  site = await crawl(result.outDir, BASE);
});

const clinic = (slug: string): JsonNode => site.page(`locations/${slug}/index.html`).byId.get(`${BASE}/locations/${slug}/#clinic`)!;

describe('a chain with locations in several states and countries', () => {
  it('builds location x service pages only where the location offers the service', () => {
    const pairs = site.pages.map((page) => page.file).filter((file) => /^locations\/[^/]+\/[^/]+\/index\.html$/.test(file));
    expect(pairs).toEqual([
      'locations/austin/dry-needling/index.html',
      'locations/denver/hand-therapy/index.html',
      'locations/denver/physical-therapy/index.html',
      'locations/omaha/dry-needling/index.html',
      'locations/omaha/physical-therapy/index.html',
      'locations/toronto/physical-therapy/index.html',
    ]);
    expect(site.files).toContain('locations/austin-north/index.html');
  });

  it('formats each telephone number internationally for its country', () => {
    expect(clinic('omaha').telephone).toBe('+1-402-555-0134');
    expect(clinic('denver').telephone).toBe('+1-303-555-0147');
    expect(clinic('toronto').telephone).toBe('+1-416-555-0199');
    expect(clinic('toronto').address).toMatchObject({ addressRegion: 'ON', postalCode: 'M5V 2T6', addressCountry: 'CA' });
  });

  it('writes geo, several types, specialties, hours with split shifts and special hours for Omaha', () => {
    const omaha = clinic('omaha');
    expect(omaha['@type']).toEqual(['MedicalClinic', 'Physiotherapy']);
    expect(omaha.geo).toEqual({ '@type': 'GeoCoordinates', latitude: 41.25862, longitude: -95.96791 });
    expect(omaha.hasMap).toBe('https://www.google.com/maps/search/?api=1&query=41.25862%2C-95.96791');
    expect(omaha.medicalSpecialty).toEqual(['https://schema.org/Musculoskeletal', 'https://schema.org/Physiotherapy']);
    expect(omaha.isAcceptingNewPatients).toBe(true);
    expect(omaha.areaServed).toEqual(['Omaha', 'Council Bluffs', 'Bellevue']);
    expect(omaha.image).toEqual([`${BASE}/images/omaha.png`]);
    const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((day) => `https://schema.org/${day}`);
    expect(omaha.openingHoursSpecification).toEqual([
      { '@type': 'OpeningHoursSpecification', dayOfWeek: weekdays, opens: '07:00', closes: '12:00' },
      { '@type': 'OpeningHoursSpecification', dayOfWeek: weekdays, opens: '13:00', closes: '18:30' },
      { '@type': 'OpeningHoursSpecification', dayOfWeek: ['https://schema.org/Saturday'], opens: '08:00', closes: '12:00' },
      { '@type': 'OpeningHoursSpecification', opens: '00:00', closes: '00:00', validFrom: '2026-12-25', validThrough: '2026-12-25' },
      { '@type': 'OpeningHoursSpecification', opens: '09:00', closes: '13:00', validFrom: '2026-12-26', validThrough: '2026-12-31' },
    ]);
  });

  it('shows the hours table, special hours and the photo on the Omaha page', () => {
    const { $ } = site.page('locations/omaha/index.html');
    const rows = $('table.hours tr')
      .toArray()
      .map((row) => $(row).children().toArray().map((cell) => visibleText($(cell).text())).join(' '));
    expect(rows).toEqual([
      'Monday 7:00 AM – 12:00 PM, 1:00 PM – 6:30 PM',
      'Tuesday 7:00 AM – 12:00 PM, 1:00 PM – 6:30 PM',
      'Wednesday 7:00 AM – 12:00 PM, 1:00 PM – 6:30 PM',
      'Thursday 7:00 AM – 12:00 PM, 1:00 PM – 6:30 PM',
      'Friday 7:00 AM – 12:00 PM, 1:00 PM – 6:30 PM',
      'Saturday 8:00 AM – 12:00 PM',
      'Sunday Closed',
    ]);
    expect($('.special-hours li').toArray().map((item) => visibleText($(item).text()))).toEqual([
      'Christmas Day (December 25, 2026): Closed',
      'December 26, 2026 – December 31, 2026: 9:00 AM – 1:00 PM',
    ]);
    expect($('.location-photo img').attr('src')).toBe('/clinics/images/omaha.png');
    expect($('.location-photo img').attr('alt')).toBe('Prairie Motion Physio in Omaha');
    expect(site.files).toContain('images/omaha.png');
  });

  it('tells two locations in the same city apart in titles and breadcrumbs', () => {
    expect(site.page('locations/austin/index.html').$('title').text()).toBe('Prairie Motion Physio in 500 Placeholder Avenue, Austin, TX');
    expect(site.page('locations/austin-north/index.html').$('title').text()).toBe('Prairie Motion Physio in 9 Fixture Road, Austin, TX');
  });

  it('keeps a location URL override in the JSON-LD while the @id stays on this site', () => {
    expect(clinic('toronto')).toMatchObject({ '@id': `${BASE}/locations/toronto/#clinic`, url: 'https://toronto.prairie-motion.example/' });
  });

  it('types services and links each condition to all therapies that treat it', () => {
    const graph = site.page('conditions/low-back-pain/index.html').byId;
    // Dry needling is typed TherapeuticProcedure here, which possibleTreatment (range MedicalTherapy) cannot name.
    expect(graph.get(`${BASE}/conditions/low-back-pain/#condition`)?.possibleTreatment).toEqual([
      { '@id': `${BASE}/services/physical-therapy/#therapy` },
    ]);
    expect(site.page('conditions/low-back-pain/index.html').$('main a[href$="/services/dry-needling/"]').length).toBe(1);
    expect(typesOf(graph.get(`${BASE}/services/dry-needling/#therapy`)!)).toEqual(['TherapeuticProcedure']);
    expect(site.page('services/hand-therapy/index.html').byId.get(`${BASE}/services/hand-therapy/#therapy`)?.['@type']).toBe('OccupationalTherapy');
    // A condition no service treats still gets its page, with no possibleTreatment.
    expect(site.page('conditions/whiplash/index.html').byId.get(`${BASE}/conditions/whiplash/#condition`)).not.toHaveProperty('possibleTreatment');
  });

  it('puts organization-level facts on the Organization node', () => {
    expect(site.page('index.html').byId.get(`${BASE}/#organization`)).toEqual({
      '@type': 'Organization',
      '@id': `${BASE}/#organization`,
      name: 'Prairie Motion Physio Group',
      url: `${BASE}/`,
      logo: `${BASE}/images/logo.png`,
      telephone: '+1-402-555-0100',
      sameAs: ['https://www.facebook.com/prairie-motion.example'],
    });
  });

  it('serves the site under a base path: links, canonicals and the sitemap carry /clinics', () => {
    const { $ } = site.page('index.html');
    expect($('link[rel="stylesheet"]').attr('href')).toBe('/clinics/assets/style.css');
    expect($('link[rel="canonical"]').attr('href')).toBe(`${BASE}/`);
  });

  describe('read as a crawler', () => itPassesCrawlerChecks(() => site));
});
