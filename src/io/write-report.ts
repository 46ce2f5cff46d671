import { constants } from 'node:fs';
import { access, lstat, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { CheckResult } from '../check.js';
import { UserError } from '../core/problems.js';
import { capitalize } from '../core/text.js';
import { REPORT_LIMITS, reportFiles, type ReportFile, type ReportLimits } from '../core/check/report-model.js';
import type { SiteSnapshot } from '../core/check/snapshot.js';
import { jsonTreeHtml } from './json-tree-html.js';

const TEMPLATES = new URL('../../report/', import.meta.url);

/** The folders the report writes its files into, besides its own folder's index.html. */
const SUBFOLDERS = ['pages', 'rules'];

const PARTIALS = {
  finding:
    '<p class="finding">{{#if showPage}}{{#if pageHref}}<a href="{{pageHref}}">{{page}}</a>{{else}}<code>{{page}}</code>{{/if}} {{/if}}<span class="{{severity}}">{{severity}}</span> ' +
    '<a href="{{ruleHref}}"><code>{{rule}}</code></a>{{#if node}} <code>{{node}}</code>{{/if}}{{#if element}} <code>{{element}}</code>{{/if}}: {{capitalize message}}. <em>{{capitalize fix}}.</em></p>',
};

/** The list of the files a report wrote, kept in its folder so that the next report removes only those. */
const WRITTEN_LIST = '.clinic-seo-report.json';

/**
 * Write the HTML report of an audit into `dir`: `index.html` (the overview), `pages/N.html` (each page's
 * preview, findings and graph, a hundred pages to a file) and `rules/RULE.html` (each rule's findings). Files
 * are written one at a time, so the report never holds more than one in memory. The files the last report
 * in `dir` wrote and this one did not (a larger site's pages) are removed; no other file is touched.
 * Returns the overview's path.
 */
export async function writeReport(dir: string, result: CheckResult & { snapshot: SiteSnapshot }, limits: ReportLimits = REPORT_LIMITS): Promise<string> {
  await assertReportFolder(dir);
  const render = await reportRenderer();
  const before = await filesWrittenBefore(dir);
  const writeList = (files: Iterable<string>) => writeFile(path.join(dir, WRITTEN_LIST), `${JSON.stringify({ files: [...files] }, null, 1)}\n`);
  const written = new Set<string>();
  try {
    await mkdir(dir, { recursive: true });
    // First, so a report stopped halfway still marks the folder as a report's: the next one may write over it.
    await writeList(before);
    await Promise.all(SUBFOLDERS.map((folder) => mkdir(path.join(dir, folder), { recursive: true })));
    for (const file of reportFiles(result.snapshot, result.findings, result.vocabulary, limits)) {
      await writeFile(path.join(dir, file.path), render(file));
      written.add(file.path);
    }
    await writeList(written);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new UserError([{ severity: 'error', file: '--report', message: `the report could not be written to "${dir}" (${code}: ${(error as Error).message})`,
      hint: 'check that the folder can be written and that the disk has room, or write the report elsewhere' }], { cause: error });
  }
  // Only plain files, and only under the report's own names: the list is a file anyone could edit.
  const stale = before.filter((file) => !written.has(file) && /^(pages|rules)\/[a-z0-9-]+\.html$/.test(file));
  for (const file of stale) {
    const target = path.join(dir, file);
    if ((await lstat(target).catch(() => undefined))?.isFile()) await rm(target);
  }
  return path.join(dir, 'index.html');
}

/**
 * A report is written into a folder of its own: a new or empty one, or one holding a report written before (its
 * list of files is there). Any other folder may hold a user's files that index.html or pages/1.html would replace.
 */
export async function assertReportFolder(dir: string): Promise<void> {
  const refuse = (message: string) => {
    throw new UserError([{ severity: 'error', file: '--report', message: `"${dir}" ${message}`, hint: 'write the report to a new or empty folder, e.g. --report check-report; a folder is written over only when it holds a report clinic-seo wrote' }]);
  };
  let entries: string[] | undefined;
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') refuse('is not a folder (it, or a folder on its path, is a file)');
    else if (code === 'ELOOP') refuse('is a loop of symbolic links');
    else if (code === 'EACCES' || code === 'EPERM') refuse('cannot be read: permission denied');
    else if (code !== 'ENOENT') throw error;
  }
  if (entries && entries.length > 0 && !entries.includes(WRITTEN_LIST)) refuse('is not empty and holds no clinic-seo report');
  // Before an audit that can take minutes: the folder (or the nearest one above it that exists) must be writable.
  let existing = path.resolve(dir);
  while (!(await stat(existing).then((info) => info.isDirectory(), () => false)) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  if (!(await access(existing, constants.W_OK).then(() => true, () => false))) refuse(`cannot be written: ${existing} is not writable`);
}

/** The files the last report written into `dir` listed; none when there was none (or its list is unreadable). */
async function filesWrittenBefore(dir: string): Promise<string[]> {
  try {
    const { files } = JSON.parse(await readFile(path.join(dir, WRITTEN_LIST), 'utf8')) as { files?: unknown };
    return Array.isArray(files) ? files.filter((file): file is string => typeof file === 'string') : [];
  } catch {
    return [];
  }
}

/** Compile the report's templates once; the returned function renders any of its files. */
async function reportRenderer(): Promise<(file: ReportFile) => string> {
  const handlebars = Handlebars.create();
  const source = (name: string) => readFile(new URL(`${name}.hbs`, TEMPLATES), 'utf8');
  for (const [name, partial] of Object.entries(PARTIALS)) handlebars.registerPartial(name, partial);
  handlebars.registerHelper('jsonTree', (blocks: Parameters<typeof jsonTreeHtml>[0]) => new handlebars.SafeString(jsonTreeHtml(blocks)));
  handlebars.registerHelper('capitalize', capitalize);
  handlebars.registerHelper('plural', (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`);
  handlebars.registerPartial('layout', await source('layout'));
  const templates = {
    overview: handlebars.compile(await source('overview')),
    pages: handlebars.compile(await source('pages')),
    rule: handlebars.compile(await source('rule')),
  };
  return (file) => templates[file.model.kind](file.model);
}
