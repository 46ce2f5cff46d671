import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { PlannedPage, TemplateName } from '../core/pages/page-model.js';
import { UserError, type Problem } from '../core/problems.js';
import { escapeHtml } from '../core/typography.js';
import { memoizedPartial } from './memoize-partials.js';

const PAGE_TEMPLATES: TemplateName[] = ['home', 'location', 'service', 'location-service', 'condition', 'region', '404'];
/** preventIndent: partial output is not re-indented line by line, which is most of Handlebars' cost here. */
const COMPILE_OPTIONS = { preventIndent: true };

/** Compiled templates: render a planned page to HTML. */
export interface TemplateSet {
  render(page: PlannedPage): string;
  /** Folder of static files (stylesheet, icon) copied to `assets/` in the output. */
  assetsDir: string;
}

/**
 * Load `layouts/*.hbs` (registered as partials `layouts/<name>`), `partials/*.hbs` (as `<name>`) and
 * `pages/<template>.hbs`, and compile each once for the whole build. Syntax errors name file and line.
 * A partial whose output depends only on its context is not rendered again for the same context object (see
 * memoizedPartial); `memoizePartials: false` renders every call afresh, to compare.
 */
export async function loadTemplates(templatesDir: string, options: { memoizePartials?: boolean } = {}): Promise<TemplateSet> {
  const handlebars = Handlebars.create();
  escapeWith(handlebars, escapeHtml);
  const problems: Problem[] = [];
  const display = (file: string) => path.relative(process.cwd(), file) || file;

  const sources = new Map<string, string>();
  const readTemplates = async (folder: string) => {
    const names = await readdir(path.join(templatesDir, folder)).catch(() => [] as string[]);
    const entries = await Promise.all(
      names
        .filter((name) => name.endsWith('.hbs'))
        .sort()
        .map(async (name) => {
          const file = path.join(templatesDir, folder, name);
          const source = await readFile(file, 'utf8');
          sources.set(display(file), source);
          try {
            handlebars.parse(source);
          } catch (error) {
            problems.push(templateProblem(display(file), error, source));
            return undefined;
          }
          return { name: name.slice(0, -'.hbs'.length), file, source };
        }),
    );
    return entries.filter((entry) => entry !== undefined);
  };

  for (const layout of await readTemplates('layouts')) handlebars.registerPartial(`layouts/${layout.name}`, layout.source);
  for (const partial of await readTemplates('partials')) {
    handlebars.registerPartial(partial.name, options.memoizePartials === false ? partial.source : memoizedPartial(handlebars, partial.source, COMPILE_OPTIONS));
  }
  const pages = new Map((await readTemplates('pages')).map((page) => [page.name, page]));
  for (const name of PAGE_TEMPLATES) {
    if (!pages.has(name) && !problems.some((problem) => problem.file.endsWith(`${name}.hbs`))) {
      problems.push({
        severity: 'error',
        file: display(path.join(templatesDir, 'pages', `${name}.hbs`)),
        message: 'this page template is missing',
        hint: 'copy it from the templates/ folder that ships with clinic-seo',
      });
    }
  }
  if (problems.length > 0) throw new UserError(problems);

  const compiled = new Map(
    [...pages.values()].map((page) => [page.name, { file: display(page.file), render: handlebars.compile(page.source, COMPILE_OPTIONS) }]),
  );
  return {
    assetsDir: path.join(templatesDir, 'assets'),
    render(page) {
      const template = compiled.get(page.template)!;
      try {
        return template.render(page.view);
      } catch (error) {
        const where = partialCallSite(sources, error) ?? { file: template.file };
        throw new UserError([{ ...templateProblem(where.file, error), ...(where.line ? { line: where.line } : {}) }], { cause: error });
      }
    },
  };
}

/**
 * Make every template of `handlebars` (pages and partials alike) escape `{{values}}` with `escape`.
 * Handlebars has no option for it: a compiled template's runtime container takes the library-wide
 * Utils.escapeExpression, and changing that would change the escaping of every other user of the library in
 * the process. Instead, each template's main function sets this environment's escape on its own container
 * before it runs; the compiled code reads `container.escapeExpression` when each of its functions starts.
 */
function escapeWith(handlebars: typeof Handlebars, escape: (value: unknown) => string): void {
  const template = handlebars.template.bind(handlebars);
  type Main = (this: unknown, container: { escapeExpression: unknown }, ...rest: unknown[]) => string;
  handlebars.template = (precompiled) => {
    // TemplateSpecification is opaque in Handlebars' types; a compiled one has its entry point in `main`.
    const spec = precompiled as { main: Main };
    const main = spec.main;
    // Parameters spelt out: a rest parameter would make an array at every call of every partial.
    spec.main = function (container, context, helpers, partials, data, blockParams, depths) {
      container.escapeExpression = escape;
      return main.call(this, container, context, helpers, partials, data, blockParams, depths);
    };
    return template(precompiled);
  };
}

/** Where a missing partial is called (`{{> name}}`), since Handlebars only names the partial. */
function partialCallSite(sources: Map<string, string>, error: unknown): { file: string; line?: number } | undefined {
  const name = /The partial (\S+) could not be found/.exec(error instanceof Error ? error.message : '')?.[1];
  if (!name) return undefined;
  const call = new RegExp(`\\{\\{~?#?>\\s*${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?=[\\s}~])`);
  for (const [file, source] of sources) {
    const index = source.search(call);
    if (index >= 0) return { file, line: source.slice(0, index).split('\n').length };
  }
  return undefined;
}

/** Handlebars' parser tokens, as a template's author would name them. */
const TOKENS: Record<string, string> = {
  CLOSE: '}}', CLOSE_UNESCAPED: '}}}', CLOSE_RAW_BLOCK: '}}}}', OPEN: '{{', OPEN_BLOCK: '{{#', OPEN_ENDBLOCK: '{{/', OPEN_INVERSE: '{{^',
  OPEN_PARTIAL: '{{>', OPEN_PARTIAL_BLOCK: '{{#>', OPEN_UNESCAPED: '{{{', OPEN_RAW_BLOCK: '{{{{', END_RAW_BLOCK: '{{{{/', INVERSE: '{{else}}',
  OPEN_INVERSE_CHAIN: '{{else …}}', OPEN_BLOCK_PARAMS: 'as |', CLOSE_BLOCK_PARAMS: '|', OPEN_SEXPR: '(', CLOSE_SEXPR: ')', EQUALS: '=',
  ID: 'name', STRING: 'string', NUMBER: 'number', DATA: '@ variable', SEP: '.', CONTENT: 'text', COMMENT: 'comment', INVALID: 'character',
};

/**
 * A template error as a problem, in the words of a template's author. Handlebars puts the line in a parse
 * error's message ("Parse error on line 3:", then the text near it, a caret and the tokens it expected), and
 * counts the line after a last newline when the template ends inside a block.
 */
function templateProblem(file: string, error: unknown, source?: string): Problem {
  const message = error instanceof Error ? error.message : String(error);
  const located = (line: number | undefined, text: string, hint: string): Problem => ({
    severity: 'error', file, ...(line ? { line } : {}), message: `template error: ${text}`, hint,
  });
  const parse = /^Parse error on line (\d+):\n(.*)\n-*\^\nExpecting (.*), got '(\w+)'/s.exec(message);
  if (parse) {
    const [, line, near, expecting, got] = parse as unknown as [string, string, string, string, string];
    const unclosedTag = /'CLOSE'/.test(expecting);
    if (got === 'EOF') {
      const lastLine = source === undefined ? Number(line) : source.replace(/\n+$/, '').split('\n').length;
      if (unclosedTag) return located(Number(line), 'a {{ is not closed with }} before the end of the template', 'close it with }}');
      return located(lastLine, 'the template ends inside a block that is not closed',
        'close every {{#if}}, {{#each}}, {{#unless}} and {{#with}} with its {{/if}}, {{/each}}, {{/unless}} or {{/with}}');
    }
    return located(Number(line), `unexpected ${TOKENS[got] ?? got} in "${near.trim()}"`,
      unclosedTag ? 'fix the Handlebars syntax there; every {{ needs its }}' : got === 'INVERSE' ? 'an {{else}} belongs inside a block, once' : 'fix the Handlebars syntax there');
  }
  // "if doesn't match each - 2:0": the line and column are the opening tag's.
  const mismatch = /^(\S+) doesn't match (\S+) - (\d+):\d+/.exec(message);
  if (mismatch) {
    const [, opened, closed, line] = mismatch as unknown as [string, string, string, string];
    return located(Number(line), `the {{#${opened}}} opened here is closed by {{/${closed}}}`, `close {{#${opened}}} with {{/${opened}}} first`);
  }
  const line = /on line (\d+)/.exec(message)?.[1];
  return located(line ? Number(line) : undefined, message.split('\n')[0]!,
    /partial/i.test(message)
      ? 'check the partial name; partials are the .hbs files in templates/partials, layouts are layouts/<name>'
      : 'fix the Handlebars syntax; every {{#block}} needs its {{/block}}');
}
