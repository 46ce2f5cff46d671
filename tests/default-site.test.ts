import { beforeAll, describe, expect, it } from 'vitest';
import { itPassesCrawlerChecks } from './helpers/assert-site.js';
import { buildInto, DEFAULT_DATA } from './helpers/build.js';
import { crawl, typesOf, visibleText, type CrawledSite, type JsonNode } from './helpers/crawl.js';

const BASE = 'https://elite-health-wellness.example';
let site: CrawledSite;
let warnings: string[];

beforeAll(async () => {
  const result = await buildInto(DEFAULT_DATA);
  warnings = result.warnings.map((warning) => `${warning.path}: ${warning.message}`);
  site = await crawl(result.outDir, BASE);
});

const clinicOf = (file: string): JsonNode => site.page(file).graph.find((node) => typesOf(node).includes('MedicalClinic'))!;

describe('the default Elite Health and Wellness site', () => {
  it('builds home, the location, its three services, three service pages, seven conditions and a 404', () => {
    expect(site.pages.map((page) => page.file)).toEqual([
      '404.html',
      'conditions/back-pain/index.html',
      'conditions/carpal-tunnel-syndrome/index.html',
      'conditions/joint-problems/index.html',
      'conditions/migraine-headaches/index.html',
      'conditions/myofascial-pain-syndrome/index.html',
      'conditions/nighttime-leg-cramps/index.html',
      'conditions/repetitive-motion-disorders/index.html',
      'index.html',
      'locations/kearney/dry-needling/index.html',
      'locations/kearney/index.html',
      'locations/kearney/occupational-therapy/index.html',
      'locations/kearney/physical-therapy/index.html',
      'services/dry-needling/index.html',
      'services/occupational-therapy/index.html',
      'services/physical-therapy/index.html',
    ]);
    expect(site.files).toEqual(expect.arrayContaining(['sitemap.xml', 'robots.txt', 'assets/style.css', 'assets/icon.svg']));
  });

  it('describes the real clinic in the location page JSON-LD', () => {
    const clinic = clinicOf('locations/kearney/index.html');
    expect(clinic).toMatchObject({
      '@type': 'MedicalClinic',
      '@id': `${BASE}/locations/kearney/#clinic`,
      name: 'Elite Health and Wellness',
      url: `${BASE}/locations/kearney/`,
      telephone: '+1-308-455-1500',
      address: { '@type': 'PostalAddress', addressLocality: 'Kearney', addressRegion: 'NE', addressCountry: 'US' },
      medicalSpecialty: ['https://schema.org/Physiotherapy'],
      parentOrganization: { '@id': `${BASE}/#organization` },
    });
    expect(clinic.availableService).toEqual(
      ['dry-needling', 'occupational-therapy', 'physical-therapy'].map((slug) => ({ '@id': `${BASE}/services/${slug}/#therapy` })),
    );
  });

  it('invents nothing the clinic has not published', () => {
    const clinic = clinicOf('locations/kearney/index.html');
    for (const field of ['geo', 'openingHoursSpecification', 'image', 'isAcceptingNewPatients']) expect(clinic).not.toHaveProperty(field);
    expect(clinic.address).not.toHaveProperty('streetAddress');
    expect(clinic.address).not.toHaveProperty('postalCode');
    // Without coordinates the map link searches the address.
    expect(clinic.hasMap).toBe('https://www.google.com/maps/search/?api=1&query=Elite%20Health%20and%20Wellness%2C%20Kearney%2C%20NE%2C%20US');
    expect(site.page('locations/kearney/index.html').$('.hours-unknown').text()).toContain('call');
  });

  it('warns about each missing recommended field', () => {
    expect(warnings.sort()).toEqual([
      'address.postalCode: the postal code is missing',
      'address.streetAddress: the street address is missing',
      'geo: the coordinates (geo) are missing; the map link searches the address instead',
      'images: the location has no image',
      'openingHours: the opening hours are missing',
      'organization.logo: the organization has no logo',
    ]);
  });

  it('types each service and links conditions to the therapy that treats them', () => {
    const graph = site.page('services/dry-needling/index.html').byId;
    expect(graph.get(`${BASE}/services/dry-needling/#therapy`)).toMatchObject({
      '@type': 'MedicalTherapy',
      name: 'Dry Needling',
      alternateName: ['Trigger-point needling'],
      procedureType: 'https://schema.org/PercutaneousProcedure',
      relevantSpecialty: 'https://schema.org/Physiotherapy',
    });
    expect(graph.get(`${BASE}/conditions/myofascial-pain-syndrome/#condition`)).toMatchObject({
      '@type': 'MedicalCondition',
      possibleTreatment: [{ '@id': `${BASE}/services/dry-needling/#therapy` }],
    });
    expect(site.page('services/physical-therapy/index.html').byId.get(`${BASE}/services/physical-therapy/#therapy`)).toMatchObject({
      '@type': 'PhysicalTherapy',
      procedureType: 'https://schema.org/NoninvasiveProcedure',
    });
    expect(site.page('services/occupational-therapy/index.html').byId.get(`${BASE}/services/occupational-therapy/#therapy`)?.['@type']).toBe('OccupationalTherapy');
  });

  it('marks service and condition pages as MedicalWebPage about their entity', () => {
    const page = site.page('conditions/back-pain/index.html').byId.get(`${BASE}/conditions/back-pain/#webpage`);
    expect(page).toMatchObject({
      '@type': 'MedicalWebPage',
      about: { '@id': `${BASE}/conditions/back-pain/#condition` },
      mainEntity: { '@id': `${BASE}/conditions/back-pain/#condition` },
      isPartOf: { '@id': `${BASE}/#website` },
      breadcrumb: { '@id': `${BASE}/conditions/back-pain/#breadcrumb` },
    });
  });

  it('shows the NAP, a call link and a map link on the location page', () => {
    const { $ } = site.page('locations/kearney/index.html');
    expect(visibleText($('h1').text())).toBe('Elite Health and Wellness in Kearney, NE');
    expect($('.nap a.tel').attr('href')).toBe('tel:+13084551500');
    expect($('.nap a.tel').text()).toBe('(308) 455-1500');
    expect($('.nap-map a').attr('href')).toMatch(/^https:\/\/www\.google\.com\/maps\/search\/\?api=1&query=/);
    expect($('a[href^="/locations/kearney/"]').toArray().map((link) => $(link).attr('href'))).toEqual(
      expect.arrayContaining(['/locations/kearney/dry-needling/', '/locations/kearney/physical-therapy/', '/locations/kearney/occupational-therapy/']),
    );
    expect($('.cta a[href="tel:+13084551500"]')).toHaveLength(1);
  });

  it('renders the service copy from Markdown without a second h1', () => {
    const { $ } = site.page('services/dry-needling/index.html');
    expect($('.prose h2').toArray().map((heading) => $(heading).text())).toContain('How it differs from acupuncture');
    expect($('.prose').text()).toContain('trigger-point needling');
  });

  it('keeps the 404 page out of the index and the sitemap', () => {
    const { $ } = site.page('404.html');
    expect($('meta[name="robots"]').attr('content')).toBe('noindex, follow');
  });

  describe('read as a crawler', () => itPassesCrawlerChecks(() => site));
});
