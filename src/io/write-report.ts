import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { CheckResult } from '../check.js';
import { reportModel } from '../core/check/report-model.js';
import type { SiteSnapshot } from '../core/check/snapshot.js';

const TEMPLATE = new URL('../../report/report.hbs', import.meta.url);

const PARTIALS = {
  finding: '<p class="finding"><span class="{{severity}}">{{severity}}</span> <code>{{rule}}</code>{{#if node}} <code>{{node}}</code>{{/if}}{{#if element}} <code>{{element}}</code>{{/if}}: {{message}}. <em>{{fix}}.</em></p>',
  tree: '<ul>{{#each this}}<li><span class="key">{{key}}</span>{{#if value}}: <span class="value">{{value}}</span>{{/if}}{{#if children}}{{> tree children}}{{/if}}</li>{{/each}}</ul>',
};

/** Write the HTML report of an audit to `dir/index.html`; returns the file written. */
export async function writeReport(dir: string, result: CheckResult & { snapshot: SiteSnapshot }): Promise<string> {
  const handlebars = Handlebars.create();
  for (const [name, source] of Object.entries(PARTIALS)) handlebars.registerPartial(name, source);
  const render = handlebars.compile(await readFile(TEMPLATE, 'utf8'));
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'index.html');
  await writeFile(file, render(reportModel(result.snapshot, result.findings, result.vocabulary)));
  return file;
}
