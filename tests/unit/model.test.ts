import { describe, expect, it } from 'vitest';
import { formatTime, specialHoursRows, weeklyHoursTable } from '../../src/core/hours.js';
import { firstParagraphText, renderMarkdown } from '../../src/core/markdown.js';
import { truncateText } from '../../src/core/text.js';
import { phoneView } from '../../src/core/pages/page-frame.js';
import { parsePhone } from '../../src/core/phone.js';
import { absoluteUrl, entityIds, outputFileFor, routes, siteHref } from '../../src/core/urls.js';

describe('URL and @id policy', () => {
  it('hangs every @id off the canonical URL of the page that describes the entity', () => {
    const ids = entityIds('https://clinic.example/');
    expect(ids.organization).toBe('https://clinic.example/#organization');
    expect(ids.website).toBe('https://clinic.example/#website');
    expect(ids.clinic('kearney')).toBe('https://clinic.example/locations/kearney/#clinic');
    expect(ids.therapy('dry-needling')).toBe('https://clinic.example/services/dry-needling/#therapy');
    expect(ids.condition('back-pain')).toBe('https://clinic.example/conditions/back-pain/#condition');
    expect(ids.webPage(routes.locationService('kearney', 'dry-needling'))).toBe('https://clinic.example/locations/kearney/dry-needling/#webpage');
    expect(ids.breadcrumb(routes.home())).toBe('https://clinic.example/#breadcrumb');
  });

  it('maps routes to files and links, under a base path too', () => {
    expect(outputFileFor('/')).toBe('index.html');
    expect(outputFileFor('/services/x/')).toBe('services/x/index.html');
    expect(outputFileFor('/404.html')).toBe('404.html');
    expect(absoluteUrl('https://a.example/clinics/', '/x/')).toBe('https://a.example/clinics/x/');
    expect(siteHref('https://a.example/clinics', '/x/')).toBe('/clinics/x/');
    expect(siteHref('https://a.example', '/x/')).toBe('/x/');
  });
});

describe('telephone numbers', () => {
  it('formats a number as people write it into the international and dialable forms', () => {
    expect(parsePhone('(308) 455-1500', 'US')).toEqual({ e164: '+13084551500', international: '+1-308-455-1500', national: '(308) 455-1500' });
    expect(parsePhone('020 7946 0958', 'GB')).toEqual({ e164: '+442079460958', international: '+44-20-7946-0958', national: '020 7946 0958' });
    expect(parsePhone('455-1500', 'US')).toBeUndefined();
  });

  it('keeps an extension out of the hyphenated digits, and dials it after the number', () => {
    const phone = parsePhone('308.455.1500 ext. 2', 'US')!;
    expect(phone).toEqual({ e164: '+13084551500', international: '+1-308-455-1500 ext. 2', national: '(308) 455-1500 ext. 2', extension: '2' });
    expect(phoneView(phone).href).toBe('tel:+13084551500;ext=2');
    expect(phoneView(parsePhone('(308) 455-1500', 'US')!).href).toBe('tel:+13084551500');
  });
});

describe('hours', () => {
  it('lists every day, split shifts in order, Closed for days without hours', () => {
    const table = weeklyHoursTable(
      [
        { days: ['Monday'], opens: '13:00', closes: '17:00' },
        { days: ['Monday', 'Tuesday'], opens: '08:00', closes: '12:00' },
      ],
      'en-US',
    );
    expect(table.slice(0, 3)).toEqual([
      { day: 'Monday', text: '8:00 AM – 12:00 PM, 1:00 PM – 5:00 PM' },
      { day: 'Tuesday', text: '8:00 AM – 12:00 PM' },
      { day: 'Wednesday', text: 'Closed' },
    ]);
    expect(weeklyHoursTable([], 'en-US')).toEqual([]);
  });

  it('formats times for the language and special hours as dates', () => {
    expect([formatTime('00:00', 'en'), formatTime('12:30', 'en-US'), formatTime('17:05', 'de-DE')]).toEqual(['12:00 AM', '12:30 PM', '17:05']);
    expect(specialHoursRows([{ from: '2026-07-04', through: '2026-07-04', closed: true, label: 'Independence Day' }], 'en-US')).toEqual([
      { when: 'Independence Day (July 4, 2026)', text: 'Closed' },
    ]);
  });
});

describe('Markdown', () => {
  it('demotes # headings and shows raw HTML as text', () => {
    expect(renderMarkdown('# Title\n\n<b>x</b>')).toBe('<h2>Title</h2>\n<p>&lt;b&gt;x&lt;/b&gt;</p>\n');
  });

  it('derives a plain-text description from the first paragraph', () => {
    expect(firstParagraphText('## Heading\n\nFirst *paragraph* with `code`\nand a [link](/x/).\n\nSecond.')).toBe('First paragraph with code and a link.');
    expect(truncateText('one two three four', 12)).toBe('one two…');
  });
});

describe('page listing', () => {
  it('walks pages location by location in exactly the order of sorting every route', async () => {
    const { eachPage, listPages } = await import('../../src/core/plan-pages.js');
    const { loadDataset } = await import('../../src/io/load-dataset.js');
    const { normalizeDataset } = await import('../../src/core/normalize.js');
    const { FIXTURES } = await import('../helpers/build.js');
    const site = normalizeDataset((await loadDataset(`${FIXTURES}/multi-location`)).dataset);
    // Slugs that sort differently as plain slugs and as routes: "a" < "a-b" < "a0", but "/a-b/" < "/a/" < "/a0/".
    const [first] = site.locations;
    const chain = { ...site, locations: ['a0', 'a', 'a-b', 'ab', 'a-'].map((slug) => ({ ...first!, slug })) };
    const routes = [...eachPage(chain)].map((page) => page.route);
    expect(routes).toEqual([...routes].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(routes.filter((route) => /^\/locations\/[^/]+\/$/.test(route))).toEqual(['/locations/a-/', '/locations/a-b/', '/locations/a/', '/locations/a0/', '/locations/ab/']);
    expect(listPages(chain)).toHaveLength(routes.length);
    expect(new Set(routes).size).toBe(routes.length);
  });
});
