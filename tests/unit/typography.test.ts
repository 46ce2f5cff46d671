import * as cheerio from 'cheerio';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { serializeJsonLd } from '../../src/core/jsonld/serialize-json-ld.js';
import { escapeHtml, TYPOGRAPHIC_REFERENCES, typographicReferences } from '../../src/core/typography.js';

describe('escapeHtml', () => {
  it('escapes what Handlebars escapes, as Handlebars does, for every kind of value', () => {
    const values: unknown[] = [
      'plain', '', '<b>"Tom" & \'Jerry\'</b> `x` = y', 'Clínica Müller ß ©', '東京 🦴', 0, 42, -1.5, NaN, true, false, null, undefined,
      { toString: () => 'object & text' }, ['a', '<b>'], new Handlebars.SafeString('<em>safe & sound</em>'),
    ];
    for (const value of values) expect(escapeHtml(value), String(value)).toBe(Handlebars.escapeExpression(value as string));
  });

  it('writes typographic punctuation as named references that read back as the same text', () => {
    const text = 'It’s ‘quoted’ – “twice” — and more… • €5 ™ ‹›, „Zitat“ ‚x‘ & <tag>';
    const html = escapeHtml(text);
    expect(html).toBe('It&rsquo;s &lsquo;quoted&rsquo; &ndash; &ldquo;twice&rdquo; &mdash; and more&hellip; &bull; &euro;5 &trade; &lsaquo;&rsaquo;, &bdquo;Zitat&ldquo; &sbquo;x&lsquo; &amp; &lt;tag&gt;');
    expect(cheerio.load(`<p title="${html}">${html}</p>`)('p').text()).toBe(text);
    expect(cheerio.load(`<p title="${html}">${html}</p>`)('p').attr('title')).toBe(text);
    for (const [char, reference] of Object.entries(TYPOGRAPHIC_REFERENCES)) expect(cheerio.load(`<p>${reference}</p>`)('p').text()).toBe(char);
  });

  it('gives each text its own escape when texts alternate (the last one is remembered)', () => {
    for (let round = 0; round < 3; round++) {
      expect(escapeHtml('a – b')).toBe('a &ndash; b');
      expect(escapeHtml('c … d')).toBe('c &hellip; d');
      expect(escapeHtml('a – b & c')).toBe('a &ndash; b &amp; c');
    }
  });

  it('leaves text in other scripts as it is, beside the references', () => {
    expect(escapeHtml('東京 – Ωmega')).toBe('東京 &ndash; Ωmega');
    expect(typographicReferences('<p>東京 – “x”</p>')).toBe('<p>東京 &ndash; &ldquo;x&rdquo;</p>');
  });
});

describe('serializeJsonLd and typographic punctuation', () => {
  it('writes it as \\u escapes, which JSON.parse reads back as the same characters', () => {
    const value = { name: 'It’s – “x” … ™ €', other: '東京' };
    const text = serializeJsonLd(value);
    expect(text).toBe('{"name":"It\\u2019s \\u2013 \\u201cx\\u201d \\u2026 \\u2122 \\u20ac","other":"東京"}');
    expect(JSON.parse(text)).toEqual(value);
  });
});
