import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { itPassesCrawlerChecks } from './helpers/assert-site.js';
import { buildInto, tempDir } from './helpers/build.js';
import { crawl, typesOf, visibleText, type CrawledSite } from './helpers/crawl.js';

const BASE = 'https://hostile.example';
const SCRIPT = '</script><script>alert(1)</script>';
const CLINIC = `Clínica Müller ${SCRIPT} "quoted" & 'single' <!-- x`;
const SERVICE = `Dry Needling 🦴 \u2028line\u2029para <img src=x onerror=alert(2)>`;
const CONDITION = 'عيادة الألم — 腰痛 <b>bold</b>';
const BODY = [
  'Intro <script>alert(3)</script> text.',
  '',
  '[click](javascript:alert(4)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==)',
  '',
  '<img src=x onerror=alert(6)> <a href="javascript:alert(7)" onclick="alert(8)">x</a>',
  '',
  '<svg onload=alert(9)></svg> <iframe src="javascript:alert(10)"></iframe>',
  '',
  // OWASP XSS filter-evasion style payloads, in Markdown and raw HTML.
  '[a](JaVaScRiPt:alert(11)) [b](&#106;avascript:alert(12)) [c](jav&#x09;ascript:alert(13)) [d]( javascript:alert(14))',
  '',
  '![e](javascript:alert(15)) ![f](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMTYpPjwvc3ZnPg==)',
  '',
  '<details open ontoggle=alert(17)> <body onload=alert(18)> <style>@import "x"</style> <meta http-equiv="refresh" content="0;url=javascript:alert(19)">',
  '',
  '[g](vbscript:msgbox(20)) [h](file:///etc/passwd) <https://ok.example/> [i](https://ok.example/"onmouseover="alert(21))',
].join('\n');

const yamlString = (value: string) => JSON.stringify(value);
let site: CrawledSite;

beforeAll(async () => {
  const dataDir = path.join(await tempDir(), 'data');
  for (const folder of ['locations', 'services', 'conditions']) await mkdir(path.join(dataDir, folder), { recursive: true });
  await writeFile(path.join(dataDir, 'site.yaml'), [
    `baseUrl: ${BASE}`,
    `name: ${yamlString(CLINIC)}`,
    `description: ${yamlString(`Description with ${SCRIPT} and "quotes"`)}`,
    'organization:',
    `  name: ${yamlString(CLINIC)}`,
    '  telephone: (308) 555-0100',
  ].join('\n'));
  await writeFile(path.join(dataDir, 'locations/main.yaml'), [
    `name: ${yamlString(CLINIC)}`,
    'slug: main',
    'address:',
    `  streetAddress: ${yamlString('1 <b>Rue</b> de l’Église & Co')}`,
    `  addressLocality: ${yamlString('Zürich <script>')}`,
    '  addressRegion: NE',
    '  addressCountry: US',
    'telephone: (308) 555-0101',
    'services: [needling]',
  ].join('\n'));
  await writeFile(path.join(dataDir, 'services/needling.md'), [
    '---',
    `name: ${yamlString(SERVICE)}`,
    'slug: needling',
    'conditions: [pain]',
    `description: ${yamlString(`Meta ${SCRIPT} "description"`)}`,
    '---',
    BODY,
  ].join('\n'));
  await writeFile(path.join(dataDir, 'conditions/pain.md'), ['---', `name: ${yamlString(CONDITION)}`, 'slug: pain', '---', BODY].join('\n'));
  const { outDir } = await buildInto(dataDir);
  site = await crawl(outDir, BASE);
});

describe('hostile and unusual text', () => {
  it('round-trips exactly through JSON-LD', () => {
    const graph = site.page('locations/main/needling/index.html').graph;
    expect(graph.find((node) => typesOf(node).includes('MedicalClinic'))?.name).toBe(CLINIC);
    expect(graph.find((node) => node['@type'] === 'MedicalTherapy')?.name).toBe(SERVICE);
    expect(graph.find((node) => node['@type'] === 'MedicalCondition')?.name).toBe(CONDITION);
  });

  it('escapes <, >, &, U+2028 and U+2029 inside the JSON-LD script', () => {
    for (const page of site.pages) {
      expect(page.scripts[0], page.file).not.toMatch(/[<>&\u2028\u2029]/);
    }
  });

  it('round-trips exactly through the visible HTML', () => {
    expect(visibleText(site.page('services/needling/index.html').$('h1').text())).toBe(visibleText(SERVICE));
    expect(visibleText(site.page('conditions/pain/index.html').$('h1').text())).toBe(CONDITION);
    expect(site.page('index.html').$('title').text()).toContain(CLINIC);
    expect(site.page('services/needling/index.html').$('meta[name="description"]').attr('content')).toBe(`Meta ${SCRIPT} "description"`);
  });

  it('lets no script, event handler, frame or javascript: URL through', () => {
    for (const { $, file } of site.pages) {
      expect($('script').length, file).toBe(1);
      expect($('script').attr('type'), file).toBe('application/ld+json');
      expect($('iframe, object, embed, svg').length, file).toBe(0);
      for (const element of $('*').toArray() as unknown as { tagName: string; attribs: Record<string, string> }[]) {
        for (const [name, value] of Object.entries(element.attribs)) {
          expect(name, `${file}: <${element.tagName} ${name}>`).not.toMatch(/^on/i);
          if (['href', 'src', 'action', 'formaction'].includes(name)) {
            expect(value.replace(/[\s\0]/g, ''), file).not.toMatch(/^(javascript|vbscript|data|file):/i);
          }
        }
      }
    }
  });

  it('shows raw HTML from Markdown as text instead of running it', () => {
    const prose = site.page('services/needling/index.html').$('.prose');
    expect(prose.text()).toContain('<script>alert(3)</script>');
    // Only the safe https links survive as links; the quote in the second is URL-encoded, not an attribute break.
    expect(prose.find('a').toArray().map((link) => link.attribs.href)).toEqual([
      'https://ok.example/',
      'https://ok.example/%22onmouseover=%22alert(21)',
    ]);
    expect(prose.find('img, style, meta, details, body').length).toBe(0);
  });

  describe('read as a crawler', () => itPassesCrawlerChecks(() => site));
});
