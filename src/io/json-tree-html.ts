import Handlebars from 'handlebars';
import type { PagesModel } from '../core/check/report-model.js';

const escape = Handlebars.escapeExpression;

/**
 * A page's JSON-LD blocks as nested lists: each key, then its value, or for an object its `@type` and its
 * members one level down. Built as one string: a recursive Handlebars partial with an object per line took
 * most of the time of a large site's report.
 */
export function jsonTreeHtml(blocks: PagesModel['pages'][number]['blocks']): string {
  const html: string[] = ['<ul>'];
  for (const block of blocks) {
    html.push('<li>', keyHtml(block.label));
    if (block.problem !== undefined) html.push(valueHtml(block.problem));
    else members(block.value, html);
    html.push('</li>');
  }
  html.push('</ul>');
  return html.join('');
}

/** The members of an object or array as a list; a bare value as a list of one unnamed line. */
function members(value: unknown, html: string[]): void {
  html.push('<ul>');
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((item, index) => [`[${index}]`, item] as const) : Object.entries(value);
    for (const [key, child] of entries) {
      html.push('<li>', keyHtml(key));
      if (child !== null && typeof child === 'object') {
        const type = (child as Record<string, unknown>)['@type'];
        const label = typeof type === 'string' ? type : Array.isArray(type) ? type.join(' + ') : undefined;
        if (label) html.push(valueHtml(label));
        members(child, html);
      } else html.push(valueHtml(JSON.stringify(child)));
      html.push('</li>');
    }
  } else html.push('<li>', keyHtml(''), valueHtml(String(value)), '</li>');
  html.push('</ul>');
}

function keyHtml(key: string): string {
  return `<span class="key">${escape(key)}</span>`;
}

function valueHtml(value: string): string {
  return value ? `: <span class="value">${escape(value)}</span>` : '';
}
