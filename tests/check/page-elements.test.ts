import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageElements, type DomNode, type PageElements } from '../../src/core/check/page-elements.js';
import { buildInto, DEFAULT_DATA, listFiles } from '../helpers/build.js';

/** The same elements found by the CSS queries the walk replaced, as cheerio runs them, on the page without its templates' content. */
function byQueries(html: string): Omit<PageElements, 'main' | 'body'> & { main: string | undefined; body: string | undefined } {
  const $ = cheerio.load(html);
  $('template').empty();
  const attribute = (selector: string, name: string) => $(selector).toArray().map((element) => $(element).attr(name) ?? '');
  return {
    jsonLd: $('script[type="application/ld+json"]').toArray().map((element) => $(element).text()),
    robots: $('meta[name="robots"]').length > 0 ? ($('meta[name="robots"]').attr('content') ?? '') : undefined,
    openGraph: $('meta[property^="og:"]').toArray().map((element) => [$(element).attr('property')!, $(element).attr('content') ?? '']),
    main: $('main').length > 0 ? $('main').first().text() : undefined,
    body: $('body').length > 0 ? $('body').first().text() : undefined,
    telLinks: attribute('a[href^="tel:"]', 'href'),
    titles: $('head title').toArray().map((element) => $(element).text()),
    descriptions: attribute('meta[name="description"]', 'content'),
    canonicals: attribute('link[rel="canonical"]', 'href'),
    lang: $('html').attr('lang'),
    links: $('a[href], link[href], img[src], script[src], source[src], iframe[src]').toArray().map((element) => [element.tagName, $(element).attr('href') ?? $(element).attr('src') ?? '']),
    h1Count: $('h1').length,
  };
}

function byWalk(html: string): ReturnType<typeof byQueries> {
  const $ = cheerio.load(html);
  const found = pageElements($.root().get(0) as unknown as DomNode);
  // The very elements the queries find first, not only ones with the same text.
  expect(found.main).toBe($('main').get(0));
  expect(found.body).toBe($('body').get(0));
  // Compared as the queries see them: the walk never reads a template's content (the page's text leaves it out).
  $('template').empty();
  const text = (node: DomNode | undefined) => (node ? $(node as never).text() : undefined);
  return { ...found, main: text(found.main), body: text(found.body) };
}

const TRICKY = [
  // Case: type and rel are compared without case, name, property and href with it.
  `<!doctype html><html lang=" EN "><head><title> One </title><title>Two</title>
   <script type="Application/LD+JSON">{"@type":"Thing"}</script><script type="application/ld+json ">{"skipped":1}</script>
   <meta name="Robots" content="noindex"><meta name="robots"><meta name="robots" content="noindex">
   <meta property="og:title" content="A"><meta property="og:title" content="B"><meta property="OG:image" content="x"><meta property="og:url">
   <meta name="description" content=" Desc "><meta name="description">
   <link rel="Canonical" href="/a/"><link rel="canonical stylesheet" href="/b/"><link rel="canonical"><link rel="stylesheet" href="/s.css">
   </head><body><h1>A</h1><main>Main <b>text</b><h1>B</h1></main><main>Second</main>
   <a href="tel:+13085551500">call</a><a href="TEL:+1">no</a><a>none</a><a src="/a-src">no</a>
   <img src="/i.png" href="/i-href"><img data-src="/lazy.png"><script src="/app.js"></script><source src="/v.mp4"><iframe src="/f"></iframe>
   <template><script type="application/ld+json">{"hidden":true}</script><a href="/in-template">x</a><h1>T</h1><title>T</title></template>
   <svg><title>Icon</title><a href="/svg-link">s</a><![CDATA[ raw ]]></svg><title>In body</title>
   <!-- <h1>comment</h1> --></body></html>`,
  // No head, no body written: the parser makes them; a second html tag's lang is merged into the first.
  `<title>Bare</title><p>Text<html lang="fr"><meta name="robots" content="none">`,
  // A title in the head with a nested tag is text (RCDATA); a template in the head.
  `<html><head><title>A <b>bold</b> title</title><template><title>In a template</title><meta name="description" content="t"></template></head><body></body></html>`,
  '',
];

describe('pageElements', () => {
  it('finds on tricky pages what the CSS queries it replaced found', () => {
    for (const html of TRICKY) expect(byWalk(html)).toEqual(byQueries(html));
    // Not vacuous: the first page has something of each.
    const first = byWalk(TRICKY[0]!);
    expect(first.jsonLd).toEqual(['{"@type":"Thing"}']);
    expect(first.robots).toBe('');
    expect(first.canonicals).toEqual(['/a/', '']);
    expect(first.titles).toEqual([' One ', 'Two']);
    expect(first.links.map(([tag]) => tag)).toEqual(['link', 'link', 'link', 'a', 'a', 'img', 'script', 'source', 'iframe', 'a']);
  });

  it('leaves out what a template holds, as a crawler does', () => {
    const html = `<!doctype html><html lang="en"><head><template><title>T</title><link rel="canonical" href="/t/"></template></head><body>
      <template><h1>T</h1><script type="application/ld+json">{"@type":"Thing"}</script><a href="/t/">t</a><template><h1>Nested</h1></template></template></body></html>`;
    expect(byWalk(html)).toMatchObject({ titles: [], canonicals: [], jsonLd: [], links: [], h1Count: 0 });
    // The queries, run on the page as written, would have found them.
    const $ = cheerio.load(html);
    expect([$('head title').length, $('h1').length, $('script[type="application/ld+json"]').length]).toEqual([0, 2, 1]);
  });

  it('walks a page nested thousands of elements deep without overflowing the stack', () => {
    const html = `<body>${'<div>'.repeat(10_000)}<h1>Deep</h1><a href="tel:+1">x</a>${'</div>'.repeat(10_000)}</body>`;
    const found = pageElements(cheerio.load(html).root().get(0) as unknown as DomNode);
    expect([found.h1Count, found.telLinks]).toEqual([1, ['tel:+1']]);
  });

  describe('on a built site', () => {
    const pages: string[] = [];
    beforeAll(async () => {
      const { outDir } = await buildInto(DEFAULT_DATA);
      for (const file of (await listFiles(outDir)).filter((name) => name.endsWith('.html'))) pages.push(await readFile(path.join(outDir, file), 'utf8'));
    });

    it('finds on every page what the CSS queries found', () => {
      expect(pages.length).toBe(16);
      for (const html of pages) expect(byWalk(html)).toEqual(byQueries(html));
    });
  });
});
