import { describe, expect, it } from 'vitest';
import { crawlerChecks } from './helpers/assert-site.js';
import { buildInto } from './helpers/build.js';
import { crawl, typesOf, visibleText } from './helpers/crawl.js';
import { baseSpec, writeData } from './helpers/write-data.js';

async function buildAndCrawl(spec: ReturnType<typeof baseSpec>) {
  const { outDir, pages } = await buildInto(await writeData(spec));
  const site = await crawl(outDir, String(spec.site.baseUrl).replace(/\/$/, ''));
  for (const check of Object.values(crawlerChecks)) await check(site);
  return { site, pages };
}

describe('Unicode everywhere', () => {
  it('keeps accents, CJK, right-to-left text and emoji in names and cities, and derives slugs from names', async () => {
    const spec = baseSpec();
    spec.site.name = 'Clínica Señor Müller 🦴';
    spec.locations = [
      {
        name: 'Clínica Müller — São Paulo',
        file: 'sao-paulo',
        address: { addressLocality: 'Zürich', addressRegion: 'NE', addressCountry: 'US' },
        telephone: '(308) 555-0100',
        services: ['physiotherapie-a-domicile'],
      },
      {
        name: '東京クリニック',
        file: 'tokyo',
        address: { addressLocality: '東京', addressRegion: 'NE', addressCountry: 'US' },
        telephone: '(308) 555-0101',
      },
      {
        name: 'عيادة الشفاء',
        file: 'amman',
        address: { addressLocality: 'عمّان', addressRegion: 'NE', addressCountry: 'US' },
        telephone: '(308) 555-0102',
      },
    ];
    spec.services = [{ name: 'Physiothérapie à domicile', file: 'home-physio', body: 'Soins à domicile. 😀' }];
    spec.conditions = [];
    const { site } = await buildAndCrawl(spec);
    // Slugs come from the name (accents dropped), or from the file name when the name has no Latin letters.
    expect(site.files).toEqual(expect.arrayContaining([
      'locations/clinica-muller-sao-paulo/index.html',
      'locations/clinica-muller-sao-paulo/physiotherapie-a-domicile/index.html',
      'locations/tokyo/index.html',
      'locations/amman/index.html',
      'services/physiotherapie-a-domicile/index.html',
    ]));
    const tokyo = site.page('locations/tokyo/index.html');
    expect(visibleText(tokyo.$('h1').text())).toBe('東京クリニック in 東京, NE');
    expect(tokyo.graph.find((node) => typesOf(node).includes('MedicalClinic'))?.address).toMatchObject({ addressLocality: '東京' });
    expect(visibleText(site.page('locations/amman/index.html').$('.nap-name').text())).toBe('عيادة الشفاء');
    expect(site.page('index.html').$('title').text()).toContain('Clínica Señor Müller 🦴');
  });
});

describe('extremes', () => {
  it('builds names and descriptions of 10,000 characters', async () => {
    const spec = baseSpec();
    const long = 'Long name '.repeat(1000).trim();
    spec.locations[0]!.name = long;
    spec.services[0]!.description = 'd'.repeat(10_000);
    spec.conditions[0]!.name = `${long} condition`;
    const { site } = await buildAndCrawl(spec);
    const clinic = site.page('locations/main/index.html').graph.find((node) => typesOf(node).includes('MedicalClinic'));
    expect(clinic?.name).toBe(long);
    // Meta descriptions are cut to what search results show; the JSON-LD keeps the full text.
    expect(site.page('services/massage/index.html').$('meta[name="description"]').attr('content')!.length).toBeLessThanOrEqual(155);
  });

  it('builds a site with no services at all, and a location with none', async () => {
    const spec = baseSpec();
    spec.locations[0]!.services = [];
    spec.services = [];
    spec.conditions = [];
    const { site, pages } = await buildAndCrawl(spec);
    expect(pages).toBe(3);
    expect(site.page('locations/main/index.html').$('main').text()).toContain('Please call to ask which services');
    expect(site.page('locations/main/index.html').graph.find((node) => typesOf(node).includes('MedicalClinic'))).not.toHaveProperty('availableService');
  });

  it('builds 1,000 conditions, each linked to the therapy that treats it', async () => {
    const spec = baseSpec();
    spec.conditions = Array.from({ length: 1000 }, (_, i) => ({ name: `Condition ${i}`, slug: `condition-${i}`, body: `About condition ${i}.` }));
    spec.services[0]!.conditions = spec.conditions.map((condition) => condition.slug);
    const { site, pages } = await buildAndCrawl(spec);
    expect(pages).toBe(1005);
    expect(site.page('conditions/condition-999/index.html').byId.get('https://spec.example/conditions/condition-999/#condition')).toMatchObject({
      possibleTreatment: [{ '@id': 'https://spec.example/services/massage/#therapy' }],
    });
  });
});

describe('typographic punctuation', () => {
  it('is written as named references in the HTML and as \\u escapes in the JSON-LD, which read back as the same characters', async () => {
    const spec = baseSpec();
    spec.locations[0]!.name = 'Spec Clinic – Kearney’s own';
    spec.locations[0]!.openingHours = [{ days: 'Monday-Friday', opens: '08:00', closes: '17:00' }];
    const description = '“Hands-on” massage for the back — and more™, from 40 €';
    spec.services[0]!.description = description;
    spec.services[0]!.body = 'It’s ‘gentle’ • and quick…';
    const { site } = await buildAndCrawl(spec);
    // With nothing but Latin-1 and this punctuation in the data, every page is Latin-1 text (see typography.ts).
    for (const page of site.pages) expect(page.html, page.file).not.toMatch(/[^\x00-\xFF]/);

    const service = site.page('services/massage/index.html');
    expect(service.html).toContain('content="&ldquo;Hands-on&rdquo; massage for the back &mdash; and more&trade;, from 40 &euro;"');
    expect(service.$('meta[name="description"]').attr('content')).toBe(description);
    expect(service.html).toContain('<p>It&rsquo;s &lsquo;gentle&rsquo; &bull; and quick&hellip;</p>');
    expect(service.$('.prose').text()).toContain('It’s ‘gentle’ • and quick…');
    expect(service.scripts[0]).toContain('\\u201cHands-on\\u201d');
    expect(service.graph.find((node) => typesOf(node).includes('MedicalTherapy'))?.description).toBe(description);

    const location = site.page('locations/main/index.html');
    expect(location.html).toContain('8:00 AM &ndash; 5:00 PM');
    expect(location.$('.hours tbody td').first().text()).toBe('8:00 AM – 5:00 PM');
    expect(visibleText(location.$('h1').text())).toBe('Spec Clinic – Kearney’s own in Kearney, NE');
  });

  it('leaves text in other scripts as it is, and the escaping of other Handlebars users in the process alone', async () => {
    const spec = baseSpec();
    spec.locations[0]!.name = '東京クリニック';
    const { site } = await buildAndCrawl(spec);
    expect(site.page('locations/main/index.html').html).toContain('<h1>東京クリニック');
    const { default: Handlebars } = await import('handlebars');
    expect(Handlebars.compile('{{text}}')({ text: 'It’s <b>' })).toBe('It’s &lt;b&gt;');
  });
});
