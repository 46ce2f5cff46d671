import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { normalizeDataset } from '../../src/core/normalize.js';
import { planPages } from '../../src/core/plan-pages.js';
import { loadDataset } from '../../src/io/load-dataset.js';
import { loadTemplates } from '../../src/io/load-templates.js';
import { memoizedPartial, readsOnlyItsContext } from '../../src/io/memoize-partials.js';
import { DEFAULT_DATA, FIXTURES, ROOT, tempDir } from '../helpers/build.js';

describe('partials rendered once for the same context object', () => {
  it('counts as context-only exactly the partials that read nothing else', () => {
    const handlebars = Handlebars.create();
    handlebars.registerHelper('shout', (text: string) => text.toUpperCase());
    const pure = [
      '<p>{{name}} {{this.city}} {{{html}}}</p>',
      '{{#if phone}}<a href="{{phone.href}}">{{phone.national}}</a>{{else}}none{{/if}}',
      '{{#each hours}}<tr><td>{{day}}</td><td>{{text}}</td></tr>{{/each}}',
      '{{#with address}}{{street}}{{/with}}{{#unless closed}}open{{/unless}}',
      '{{lookup names 0}} {{#each items as |item|}}{{item.name}}{{/each}} {{!-- a comment --}}',
    ];
    const impure = [
      '{{@root.title}}',
      '{{#each hours}}{{@index}}{{/each}}',
      '{{#each items}}{{../name}}{{/each}}',
      '{{> other}}',
      '{{#> layouts/base}}x{{/layouts/base}}',
      '{{log "rendering"}}',
      '{{shout name}}',
      '{{#*inline "x"}}y{{/inline}}',
      '{{#if}', // a syntax error: left to the compiler to report
    ];
    for (const source of pure) expect(readsOnlyItsContext(handlebars, source), source).toBe(true);
    for (const source of impure) expect(readsOnlyItsContext(handlebars, source), source).toBe(false);
  });

  it('renders a context-only partial once for calls in a row with the same context object, and any other partial on every call', () => {
    const handlebars = Handlebars.create();
    let reads = 0;
    const card = {
      get name() {
        reads++;
        return 'Kearney';
      },
    };
    handlebars.registerPartial('card', memoizedPartial(handlebars, '<b>{{name}}</b>', {}));
    handlebars.registerPartial('indexed', memoizedPartial(handlebars, '{{#each list}}{{@index}}{{name}}{{/each}}', {}));
    const page = handlebars.compile('{{> card card}}|{{> card card}}|{{> card other}}|{{> card card}}|{{> indexed}}|{{> indexed}}');
    const view = { card, other: { name: 'Omaha' }, list: [card] };
    expect(page(view)).toBe('<b>Kearney</b>|<b>Kearney</b>|<b>Omaha</b>|<b>Kearney</b>|0Kearney|0Kearney');
    // The card: once, reused once, then again after another context came between. Twice for the partial that reads @index.
    expect(reads).toBe(4);
  });

  it('gives byte for byte the pages that rendering every partial afresh gives', async () => {
    for (const dataDir of [DEFAULT_DATA, path.join(FIXTURES, 'multi-location')]) {
      const { dataset } = await loadDataset(dataDir);
      const pages = planPages(normalizeDataset(dataset));
      const memoized = await loadTemplates(path.join(ROOT, 'templates'));
      const afresh = await loadTemplates(path.join(ROOT, 'templates'), { memoizePartials: false });
      expect(pages.length).toBeGreaterThan(5);
      for (const page of pages) expect(memoized.render(page), page.file).toBe(afresh.render(page));
    }
  });

  it('keeps a custom partial that reads @root correct on every page', async () => {
    const templates = path.join(await tempDir(), 'templates');
    await cp(path.join(ROOT, 'templates'), templates, { recursive: true });
    // The footer is given the shared site-wide view, but this one also prints each page's own title.
    await writeFile(path.join(templates, 'partials/footer.hbs'), '<footer>{{footer.organization}}: {{@root.title}}</footer>');
    const { dataset } = await loadDataset(path.join(FIXTURES, 'multi-location'));
    const pages = planPages(normalizeDataset(dataset));
    const rendered = await loadTemplates(templates);
    for (const page of pages.slice(0, 6)) {
      expect(rendered.render(page)).toContain(`<footer>${Handlebars.escapeExpression(page.view.footer.organization)}: ${Handlebars.escapeExpression(page.title)}</footer>`);
    }
  });
});
