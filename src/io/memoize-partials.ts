import type Handlebars from 'handlebars';

type HandlebarsEnv = typeof Handlebars;
type Node = hbs.AST.Node;

/** Built-in helpers whose result depends only on their arguments and the block they are given. */
const PURE_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'blockHelperMissing', 'helperMissing']);

/**
 * Whether a template's output depends on nothing but the context it is called with: it reads no `@data`
 * (`@root`, `@index`…), no parent context (`../`), calls no partial or decorator, and uses only the built-in
 * helpers that are pure (not `log`, nor any registered helper).
 */
export function readsOnlyItsContext(handlebars: HandlebarsEnv, source: string): boolean {
  const helpers = handlebars.helpers as Record<string, unknown>;
  const pure = (node: Node | null | undefined): boolean => {
    if (!node) return true;
    switch (node.type) {
      case 'Program':
        return (node as hbs.AST.Program).body.every(pure);
      case 'ContentStatement':
      case 'CommentStatement':
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
      case 'UndefinedLiteral':
      case 'NullLiteral':
        return true;
      case 'PathExpression': {
        const path = node as hbs.AST.PathExpression;
        return !path.data && path.depth === 0;
      }
      case 'MustacheStatement':
      case 'BlockStatement':
      case 'SubExpression': {
        const call = node as hbs.AST.BlockStatement;
        const name = call.path.type === 'PathExpression' ? (call.path as hbs.AST.PathExpression).original : undefined;
        const helper = name !== undefined && Object.hasOwn(helpers, name);
        if (helper && !PURE_HELPERS.has(name)) return false;
        return pure(call.path) && call.params.every(pure) && (call.hash?.pairs ?? []).every((pair) => pure(pair.value)) && pure(call.program) && pure(call.inverse);
      }
      default:
        // Partials, partial blocks, decorators and anything newer: assume they read more than the context.
        return false;
    }
  };
  try {
    return pure(handlebars.parse(source));
  } catch {
    return false; // a syntax error is reported where the template is compiled
  }
}

/**
 * The partial to register for `source`: when its output depends only on its context, a compiled partial that
 * gives the same text again, without rendering, when it is called with the same context object as the last
 * time. Planners hand the same view object to every page that shows the same thing (the site's header and
 * footer, a location's address and hours), and pages are rendered location by location, so those are rendered
 * once per build or once per location instead of once per page. View objects are never changed once planned,
 * so the text cannot go stale. Other partials are registered as they are.
 *
 * Only the last context is remembered: a WeakMap of every context would keep each page's own contexts and
 * texts alive until a full garbage collection, and a large build would spend more time collecting than it saves.
 */
export function memoizedPartial(handlebars: HandlebarsEnv, source: string, compileOptions: CompileOptions): Handlebars.Template {
  if (!readsOnlyItsContext(handlebars, source)) return source;
  const render = handlebars.compile(source, compileOptions);
  let last: { context: object; text: string } | undefined;
  return (context: unknown, options?: Handlebars.RuntimeOptions) => {
    if (typeof context !== 'object' || context === null) return render(context, options);
    if (last?.context !== context) last = { context, text: render(context, options) };
    return last.text;
  };
}
