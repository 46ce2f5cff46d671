import { describe, expect, it } from 'vitest';
import { checkDoorways } from '../../src/core/check/check-doorways.js';
import { checkGoogleRules } from '../../src/core/check/check-google-rules.js';
import { checkJsonLd } from '../../src/core/check/check-json-ld.js';
import { checkNap } from '../../src/core/check/check-nap.js';
import { checkPages } from '../../src/core/check/check-pages.js';
import { checkSitemapAndRobots } from '../../src/core/check/check-sitemap.js';
import { checkVocabulary } from '../../src/core/check/check-vocabulary.js';
import type { Finding } from '../../src/core/check/finding.js';
import { runChecks } from '../../src/core/check/run-checks.js';
import { BASE, clinicNode, siteOf, vocabulary, type PageSpec } from './fixture-site.js';

const summary = (findings: Finding[]) => findings.map((finding) => `${finding.severity} ${finding.rule} ${finding.page}${finding.element ? ` ${finding.element}` : ''}`);
const homeAnd = (path: string, spec: PageSpec) => siteOf({ '/': {}, [path]: spec });

describe('a valid hand-made site', () => {
  it('passes every rule with no finding', () => {
    expect(runChecks(siteOf({ '/': {}, '/a/': {} }), vocabulary)).toEqual([]);
  });
});

describe('rule 1: JSON-LD syntax and graph', () => {
  it('reports JSON that does not parse', () => {
    expect(summary(checkJsonLd(homeAnd('/a/', { jsonLd: '{"@context": "https://schema.org", "name": }' })))).toEqual(['error jsonld-syntax /a/ script[type="application/ld+json"] #1']);
  });
  it('reports a context that is not schema.org', () => {
    expect(summary(checkJsonLd(homeAnd('/a/', { jsonLd: JSON.stringify({ '@context': 'https://example.org', '@type': 'Thing' }) })))).toEqual(['error jsonld-context /a/ script[type="application/ld+json"] #1']);
  });
  it('reports a reference that resolves nowhere', () => {
    const findings = checkJsonLd(homeAnd('/a/', { nodes: [clinicNode({ '@id': `${BASE}/a/#clinic`, parentOrganization: { '@id': '#organization' } })] }));
    expect(summary(findings)).toEqual(['error jsonld-reference /a/']);
    expect(findings[0]!.message).toContain('{"@id": "#organization"}');
  });
  it('reports two different nodes sharing an @id across the site', () => {
    const findings = checkJsonLd(homeAnd('/a/', { nodes: [clinicNode({ name: 'Other Clinic' })] }));
    expect(summary(findings)).toEqual(['error jsonld-id-conflict /a/']);
  });
  it('compares the nodes of an @id by content, whatever their key order, and reports a node repeated on many pages on each', () => {
    const broken = clinicNode({ '@id': `${BASE}/x/#clinic`, parentOrganization: { '@id': '#organization' } });
    const site = siteOf({
      '/': {},
      '/a/': { nodes: [Object.fromEntries(Object.entries(clinicNode()).reverse())] },
      '/b/': { nodes: [clinicNode({ name: 'Other Clinic' })] },
      '/c/': {},
      '/d/': { nodes: [clinicNode({ name: 'Other Clinic' })] },
      '/e/': { nodes: [broken] },
      '/f/': { nodes: [broken] },
    });
    // The same node on two pages is one object (shared), as when a folder is read.
    expect(site.pages[5]!.nodes[0]).toBe(site.pages[6]!.nodes[0]);
    expect(summary(checkJsonLd(site))).toEqual(['error jsonld-id-conflict /b/', 'error jsonld-id-conflict /d/', 'error jsonld-reference /e/', 'error jsonld-reference /f/']);
  });
});

describe('rule 2: vocabulary', () => {
  const check = (node: Record<string, unknown>) => summary(checkVocabulary(siteOf({ '/': { nodes: [node] } }), vocabulary));
  it('reports an unknown type and an unknown property', () => {
    expect(check(clinicNode({ '@type': 'MedicalClinik' }))).toEqual(['error schema-type / @type']);
    expect(check(clinicNode({ telefone: '+1' }))).toEqual(['error schema-property / telefone']);
  });
  it("reports a node's problem once, on the page its url names when the problem is there, else where it is found first", () => {
    const clinic = clinicNode({ url: `${BASE}/a/`, telefone: '+1' });
    expect(summary(checkVocabulary(siteOf({ '/': { nodes: [clinic] }, '/a/': { nodes: [clinic] } }), vocabulary))).toEqual(['error schema-property /a/ telefone']);
    // Only the home page's copy has the problem: it is reported there.
    const clean = clinicNode({ url: `${BASE}/a/` });
    expect(summary(checkVocabulary(siteOf({ '/': { nodes: [clinic] }, '/a/': { nodes: [clean] } }), vocabulary))).toEqual(['error schema-property / telefone']);
  });
  it('reports a property outside its domain as an error', () => {
    expect(check({ '@type': 'MedicalCondition', '@id': `${BASE}/#c`, name: 'Back pain', availableService: { '@id': `${BASE}/x/#therapy` } })).toEqual(['error schema-domain / availableService']);
  });
  it('reports a value outside the range as a warning, but accepts text where schema.org allows Text', () => {
    expect(check(clinicNode({ geo: 'near the park' }))).toEqual(['warning schema-range / geo']);
    expect(check(clinicNode({ address: '1 Main St, Kearney, NE' }))).toEqual([]);
    expect(check(clinicNode({ medicalSpecialty: 'https://schema.org/Monday' }))).toEqual(['warning schema-range / medicalSpecialty']);
  });
  it('notes pending terms', () => {
    expect(check(clinicNode({ isAcceptingNewPatients: true }))).toEqual(['note schema-pending / isAcceptingNewPatients']);
  });
});

describe('rule 3: Google rules and policy', () => {
  const check = (spec: PageSpec) => summary(checkGoogleRules(siteOf({ '/': spec }), vocabulary));
  it('requires name and address on a local business', () => {
    const { name: _name, address: _address, ...rest } = clinicNode();
    expect(check({ nodes: [rest] })).toEqual(['error google-required / name', 'error google-required / address']);
  });
  it('recommends telephone with country code, geo with 5 decimals, hours, image, url', () => {
    expect(check({ nodes: [clinicNode({ telephone: '(308) 555-0100' })] })).toEqual(['warning google-recommended / telephone']);
    expect(check({ nodes: [clinicNode({ geo: { '@type': 'GeoCoordinates', latitude: 40.7, longitude: -99.08148 } })] })).toEqual(['warning google-recommended / geo.latitude']);
    const { openingHoursSpecification: _hours, image: _image, url: _url, ...bare } = clinicNode();
    expect(check({ nodes: [bare] })).toEqual(['warning google-recommended / url', 'warning google-recommended / openingHoursSpecification', 'warning google-recommended / image']);
    expect(check({ nodes: [clinicNode({ priceRange: '$'.repeat(100) })] })).toEqual(['warning google-recommended / priceRange']);
  });
  it("reports a node's findings once, on the page its url names, else on the first page it is on", () => {
    const clinic = clinicNode({ url: `${BASE}/a/`, telephone: '(308) 555-0100' });
    // Listed on the home page first, described on its own page.
    const listed = siteOf({ '/': { nodes: [clinic] }, '/a/': { nodes: [clinic] } });
    expect(summary(checkGoogleRules(listed, vocabulary))).toEqual(['warning google-recommended /a/ telephone']);
    const nowhere = clinicNode({ url: `${BASE}/b/`, telephone: '(308) 555-0100' });
    expect(summary(checkGoogleRules(siteOf({ '/': { nodes: [nowhere] }, '/a/': { nodes: [nowhere] } }), vocabulary))).toEqual(['warning google-recommended / telephone']);
    // The same page however its address is written.
    for (const url of [`${BASE}/a`, `${BASE}/a/index.html`, `${BASE.replace('://', '://www.')}/a/`]) {
      const node = clinicNode({ url, telephone: '(308) 555-0100' });
      expect(summary(checkGoogleRules(siteOf({ '/': { nodes: [node] }, '/a/': { nodes: [node] } }), vocabulary)), url).toEqual(['warning google-recommended /a/ telephone']);
    }
  });
  it('checks breadcrumb items', () => {
    const list = { '@type': 'BreadcrumbList', '@id': `${BASE}/#breadcrumb`, itemListElement: [{ '@type': 'ListItem', position: 2, item: `${BASE}/` }] };
    expect(check({ nodes: [clinicNode(), list] })).toEqual(['error google-breadcrumb / itemListElement[0]', 'error google-breadcrumb / itemListElement[0]']);
  });
  it('flags self-serving reviews, FAQPage, and markup that is not visible', () => {
    expect(check({ nodes: [clinicNode({ aggregateRating: { '@type': 'AggregateRating', ratingValue: 5, reviewCount: 9 } })] })).toEqual(['error google-self-serving-review / aggregateRating']);
    expect(check({ nodes: [clinicNode(), { '@type': 'FAQPage', '@id': `${BASE}/#faq` }] })).toEqual(['warning google-faqpage / @type']);
    expect(check({ body: '<h1>Welcome</h1><p>Nothing about where we are.</p>' })).toEqual([
      'warning google-invisible-markup / name', 'warning google-invisible-markup / address.streetAddress',
      'warning google-invisible-markup / address.addressLocality', 'warning google-invisible-markup / address.postalCode',
      'warning google-invisible-markup / telephone',
    ]);
  });
});

describe('rule 4: pages', () => {
  const check = (spec: PageSpec, extra = {}) => summary(checkPages(siteOf({ '/': {}, '/a/': spec }, extra))).filter((line) => line.includes('/a/'));
  it('requires one title and one description, of a length Google shows', () => {
    expect(check({ title: '' })).toEqual(['error title /a/ title']);
    expect(check({ head: '<meta name="description" content="second">' })).toEqual(['error meta-description /a/ meta[name=description]']);
    expect(check({ title: 'A title that goes on and on far beyond what any search result can show' })).toEqual(['warning title-length /a/ title']);
    expect(check({ description: 'Too short.' })).toEqual(['warning meta-description-length /a/ meta[name=description]']);
  });
  it('requires unique titles and descriptions across the site', () => {
    expect(check({ title: 'Check Clinic page / in Kearney, NE' })).toEqual(['warning title-duplicate /a/ title']);
  });
  it('requires exactly one h1, html lang, and an absolute self-referencing canonical', () => {
    expect(check({ body: '<h1>One</h1><h1>Two</h1><p>Check Clinic</p>' })).toEqual(['error h1 /a/ h1']);
    expect(check({ lang: null })).toEqual(['error html-lang /a/ html']);
    expect(check({ canonical: null })).toEqual(['error canonical /a/ link[rel=canonical]']);
    expect(check({ canonical: '/a/' })).toEqual(['error canonical /a/ link[rel=canonical]']);
    expect(check({ canonical: `${BASE}/` })).toEqual(['error canonical /a/ link[rel=canonical]']);
  });
  it('takes a canonical to a page whose path is not ASCII, written encoded or not', () => {
    for (const canonical of [`${BASE}/caf%C3%A9/`, `${BASE}/café/`]) {
      expect(summary(checkPages(siteOf({ '/': {}, '/café/': { canonical } }))).filter((line) => line.includes('canonical')), canonical).toEqual([]);
    }
  });
  it('requires Open Graph basics', () => {
    const findings = checkPages(siteOf({ '/': {}, '/a/': { head: '' } }));
    expect(findings).toEqual([]);
    const stripped = siteOf({ '/': {}, '/a/': {} });
    delete stripped.pages[1]!.head.openGraph['og:type'];
    expect(summary(checkPages(stripped))).toEqual(['warning open-graph /a/ meta[property=og:type]']);
  });
  it('reports broken internal links and assets', () => {
    expect(check({ body: '<h1>A</h1><a href="/missing/">x</a><img src="/gone.png" alt=""><a href="https://elsewhere.example/x">ok</a><a href="/">ok</a>' })).toEqual([
      'error broken-link /a/ a', 'error broken-link /a/ img',
    ]);
  });
});

describe('rule 5: sitemap and robots.txt', () => {
  const check = (pages: Record<string, PageSpec>, extra: Parameters<typeof siteOf>[1]) => summary(checkSitemapAndRobots(siteOf(pages, extra)));
  const urlset = (...locs: string[]) => `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((loc) => `<url><loc>${loc}</loc></url>`).join('')}</urlset>`;
  it('requires a sitemap', () => {
    expect(check({ '/': {} }, { sitemap: null })).toEqual(['error sitemap /sitemap.xml']);
  });
  it('reports XSD errors found at the edge', () => {
    const site = siteOf({ '/': {} });
    site.sitemaps[0]!.schemaErrors.push("Element 'lok': This element is not expected.");
    expect(summary(checkSitemapAndRobots(site))).toEqual(['error sitemap-xsd /sitemap.xml']);
  });
  it('requires absolute, same-host, canonical URLs of real pages', () => {
    expect(check({ '/': {} }, { sitemap: urlset(`${BASE}/`, '/relative/') })).toEqual(['error sitemap-loc /sitemap.xml']);
    expect(check({ '/': {} }, { sitemap: urlset(`${BASE}/`, 'https://other.example/') })).toEqual(['error sitemap-loc /sitemap.xml']);
    expect(check({ '/': {} }, { sitemap: urlset(`${BASE}/`, `${BASE}/nothing/`) })).toEqual(['error sitemap-loc /sitemap.xml']);
    expect(check({ '/': {}, '/a/': { canonical: `${BASE}/` } }, { sitemap: urlset(`${BASE}/`, `${BASE}/a/`) })).toEqual(['error sitemap-loc /sitemap.xml']);
  });
  it('requires every indexable page and no noindex page', () => {
    expect(check({ '/': {}, '/a/': {} }, { sitemap: urlset(`${BASE}/`) })).toEqual(['error sitemap-coverage /a/']);
    expect(check({ '/': {}, '/a/': { noindex: true } }, { sitemap: urlset(`${BASE}/`, `${BASE}/a/`) })).toEqual(['error sitemap-noindex /sitemap.xml']);
  });
  it('checks the protocol limit of 50,000 URLs', () => {
    const many = urlset(...Array.from({ length: 50_001 }, () => `${BASE}/`));
    expect(check({ '/': {} }, { sitemap: many }).filter((line) => line.includes('limits'))).toEqual(['error sitemap-limits /sitemap.xml']);
  });
  it('checks robots.txt parses, names the sitemap, and does not block listed pages', () => {
    expect(check({ '/': {} }, { robots: null })).toEqual(['warning robots /robots.txt']);
    expect(check({ '/': {} }, { robots: 'User-agent: *\nAllow: /\n' })).toEqual(['warning robots /robots.txt']);
    expect(check({ '/': {} }, { robots: `User-agent *\nSitemap: ${BASE}/sitemap.xml\n` })).toEqual(['error robots /robots.txt line 1']);
    expect(check({ '/': {}, '/a/': {} }, { robots: `User-agent: *\nDisallow: /a\nSitemap: ${BASE}/sitemap.xml\n` })).toEqual(['error robots-blocks-listed /a/']);
    expect(check({ '/': {}, '/a/': {} }, { robots: `User-agent: *\nDisallow: /a\nAllow: /a/$\nSitemap: ${BASE}/sitemap.xml\n` })).toEqual([]);
  });
});

describe('rule 6: NAP consistency', () => {
  it('reports a location whose name, address or phone differ between pages', () => {
    const site = homeAnd('/a/', { nodes: [clinicNode({ telephone: '+1-308-555-0101' })], body: '<h1>A</h1><p>Check Clinic, 1 Main St, Kearney, NE 68847, <a href="tel:+13085550101">call</a></p>' });
    expect(summary(checkNap(site, vocabulary))).toEqual(['error nap-consistency /a/']);
  });
  it('reports phone numbers in several forms, and dial links to unknown numbers', () => {
    const org = { '@type': 'Organization', '@id': `${BASE}/#organization`, name: 'Check', telephone: '+1 308 555 0100' };
    expect(summary(checkNap(siteOf({ '/': { nodes: [clinicNode(), org] } }), vocabulary))).toEqual(['warning phone-format /']);
    const site = siteOf({ '/': { body: '<h1>x</h1><a href="tel:3085550199">call</a>' } });
    expect(summary(checkNap(site, vocabulary))).toEqual(['warning phone-format / a[href="tel:3085550199"]', 'warning nap-consistency / a[href="tel:3085550199"]']);
  });
  it('counts a number with an extension in the form of its digits, and knows its dial link', () => {
    const org = { '@type': 'Organization', '@id': `${BASE}/#organization`, name: 'Check', telephone: '+1-308-555-0100' };
    const body = '<h1>A</h1><p>Check Clinic, 1 Main St, Kearney, NE 68847, <a href="tel:+13085550101;ext=2">call</a></p>';
    const site = siteOf({ '/': { nodes: [clinicNode({ telephone: '+1-308-555-0101 ext. 2' }), org], body } });
    expect(summary(checkNap(site, vocabulary))).toEqual([]);
  });
});

describe('rule 7: doorway risk', () => {
  const text = 'Our clinic offers careful assessment, a plan made for you, and hands-on treatment by experienced therapists who listen. '.repeat(6);
  it('reports near-duplicate pages with their similarity', () => {
    const site = siteOf({ '/': {}, '/a/': { body: `<h1>A</h1><p>${text} Alpha.</p>` }, '/b/': { body: `<h1>B</h1><p>${text} Beta.</p>` } });
    const findings = checkDoorways(site);
    expect(summary(findings)).toEqual(['warning near-duplicate /a/', 'warning near-duplicate /b/']);
    expect(findings[0]!.message).toMatch(/^the main text is \d+% the same as \/b\/$/);
    expect(findings[1]!.message).toMatch(/^the main text is \d+% the same as \/a\/$/);
  });
  it('gives each of many alike pages one finding of one line, not one per pair', () => {
    const pages = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`/p${index}/`, { body: `<h1>P${index}</h1><p>${text} Page ${index}.</p>` }]));
    const findings = checkDoorways(siteOf({ '/': {}, ...pages }));
    expect(findings.map((finding) => finding.page).sort()).toEqual(Object.keys(pages).sort());
    for (const finding of findings) {
      expect(finding.message).toMatch(/^the main text is \d+% the same as \/p\d+\/, in a group of 40 pages alike one to the next \(\/p\d+\/, \/p\d+\/, \/p\d+\/ and 36 more\)$/);
      expect(finding.message).not.toContain(`${finding.page},`);
    }
  });
  it('still finds two near-duplicates among many pages of one template that are less alike', () => {
    // 200 pages made from one template, about 67% alike (under the threshold, but dozens share each LSH bucket),
    // and two pages with less text of their own, 86% alike.
    let seed = 1;
    const words = (count: number) =>
      Array.from({ length: count }, () => `w${((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 1e9).toString(36)}`).join(' ');
    const template = words(200);
    const pages: Record<string, PageSpec> = { '/': {} };
    for (let index = 0; index < 200; index++) pages[`/p${String(index).padStart(3, '0')}/`] = { body: `<h1>P${index}</h1><p>${template} ${words(45)}</p>` };
    pages['/x/'] = { body: `<h1>X</h1><p>${template} ${words(12)}</p>` };
    pages['/y/'] = { body: `<h1>Y</h1><p>${template} ${words(12)}</p>` };
    const findings = checkDoorways(siteOf(pages)).filter((finding) => finding.rule === 'near-duplicate');
    expect(summary(findings)).toEqual(['warning near-duplicate /x/', 'warning near-duplicate /y/']);
    expect(findings[0]!.message).toMatch(/^the main text is \d+% the same as \/y\/$/);
  });
  it('reports location pages that differ only by the city', () => {
    const at = (city: string, phone: string) => ({
      nodes: [clinicNode({ '@id': `${BASE}/${city}/#clinic`, address: { '@type': 'PostalAddress', addressLocality: city, addressRegion: 'NE', addressCountry: 'US' }, telephone: phone })],
      body: `<h1>Physical therapy in ${city}</h1><p>Check Clinic in ${city}, NE offers physical therapy. Call ${phone}.</p>`,
    });
    const findings = checkDoorways(siteOf({ '/kearney/': at('Kearney', '+1-308-555-0100'), '/hastings/': at('Hastings', '+1-402-555-0111') }));
    expect(summary(findings)).toEqual(['error doorway /kearney/', 'error doorway /hastings/']);
    expect(findings[0]!.message).toBe("the page differs from /hastings/ only by the location's name, city, address or phone");
    const towns = ['Aurora', 'Beatrice', 'Columbus', 'Fremont', 'Gering', 'Lexington', 'McCook'];
    const many = checkDoorways(siteOf(Object.fromEntries(towns.map((town, index) => [`/${town.toLowerCase()}/`, at(town, `+1-308-555-010${index}`)]))));
    expect(many).toHaveLength(towns.length);
    expect(many[0]!.message).toBe("the page differs from 6 other pages (/beatrice/, /columbus/, /fremont/ and 3 more) only by the location's name, city, address or phone");
  });
});
