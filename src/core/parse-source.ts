import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { isStackOverflow, type Problem } from './problems.js';
import { formatPath } from './zod-problems.js';

/** A data file as read from disk: its path (for messages) and its text. */
export interface SourceFile {
  file: string;
  text: string;
}

/** A parsed YAML document (or Markdown front matter) that can point back at its source lines. */
export interface ParsedSource {
  file: string;
  data: unknown;
  /** The Markdown body after the front matter, if any. */
  body: string;
  /**
   * Line and column (1-based) of the field at `path`: its value (default) or its key, or the nearest
   * existing parent when the field is missing.
   */
  locate(path: readonly PropertyKey[], target?: 'key' | 'value'): { line: number; column: number };
  /** The text of the scalar value at `path` exactly as written (e.g. `40.69900`), if there is one. */
  rawValue(path: readonly PropertyKey[]): string | undefined;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)/m;

/** Parse a `.yaml` file. Returns the parsed source, or the syntax problems found. */
export function parseYamlSource(source: SourceFile): ParsedSource | Problem[] {
  return parseYamlText(source.file, source.text, 0, '');
}

/** Parse a Markdown file with YAML front matter between `---` lines. */
export function parseMarkdownSource(source: SourceFile): ParsedSource | Problem[] {
  const text = source.text.replace(/^\uFEFF/, '');
  const match = text.startsWith('---') ? FRONT_MATTER.exec(text) : null;
  if (!match || match.index !== 0) {
    return [
      {
        severity: 'error',
        file: source.file,
        line: 1,
        column: 1,
        message: 'the file has no YAML front matter',
        hint: 'start the file with a line `---`, then fields such as `name: Dry Needling`, then another `---` line before the Markdown text',
      },
    ];
  }
  const frontMatter = match[1] ?? '';
  const body = text.slice(match[0].length);
  return parseYamlText(source.file, frontMatter, 1, body);
}

function parseYamlText(file: string, text: string, lineOffset: number, body: string): ParsedSource | Problem[] {
  const yamlText = text.replace(/^\uFEFF/, '');
  // Fast path: js-yaml (YAML 1.2 core schema, as `yaml` uses) is about ten times faster, which matters for
  // thousands of location files. The `yaml` package, which knows source positions, is used only to point at
  // a syntax error or at a field with a problem.
  let data: unknown;
  let fastError: YAMLException | undefined;
  try {
    data = load(yamlText, { schema: CORE_SCHEMA, filename: file });
  } catch (error) {
    if (error instanceof YAMLException) fastError = error;
    // js-yaml recurses once per level of nesting: thousands of `[` or `{` overflow its stack.
    else if (isStackOverflow(error)) {
      return [{ severity: 'error', file, line: 1 + lineOffset, column: 1, message: 'the file is nested too deeply to be read (thousands of [ or { inside one another)',
        hint: 'a data file needs a few levels of nesting at most: look for brackets that are never closed' }];
    } else throw error;
  }
  let lineCounter: LineCounter | undefined;
  let located: Document | undefined;
  const reparsed = () => {
    if (!located) {
      lineCounter = new LineCounter();
      located = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
    }
    return located;
  };
  const position = (offset: number) => {
    reparsed();
    const { line, col } = lineCounter!.linePos(offset);
    return { line: Math.max(line, 1) + lineOffset, column: Math.max(col, 1) };
  };
  const doc = data === undefined ? reparsed() : undefined;
  if (fastError && doc && doc.errors.length === 0) {
    // Stricter than `yaml` here (e.g. keys 1 and "1" in one mapping): report js-yaml's own finding.
    return [{
      severity: 'error',
      file,
      line: fastError.mark.line + 1 + lineOffset,
      column: fastError.mark.column + 1,
      message: `YAML syntax error: ${fastError.reason}`,
      hint: 'each field may appear only once; delete or rename the second one',
    }];
  }
  if (doc && doc.errors.length > 0) {
    // Later syntax errors are almost always knock-on effects of the first one.
    return doc.errors.slice(0, 1).map((error) => {
      const repeated = error.code === 'DUPLICATE_KEY' ? repeatedKey(doc, yamlText, error.pos[0]) : undefined;
      const field = repeated?.path;
      return {
        severity: 'error' as const,
        file,
        ...position(repeated?.offset ?? error.pos[0]),
        ...(field ? { path: formatPath(field) } : {}),
        message: field ? `YAML syntax error: this field is written twice` : `YAML syntax error: ${firstLine(error.message)}`,
        hint: yamlHint(error.code),
      };
    });
  }
  return {
    file,
    data: (doc ? doc.toJS() : data) ?? {},
    body,
    locate: (path, target = 'value') => {
      // A missing top-level field points at the first line of content, found without parsing again.
      const record = doc ? undefined : data;
      if (record && typeof record === 'object' && path.length > 0 && !Object.hasOwn(record, String(path[0]))) {
        const line = yamlText.split('\n').findIndex((row) => row.trim() !== '' && !row.trimStart().startsWith('#') && row.trim() !== '---');
        return { line: Math.max(line, 0) + 1 + lineOffset, column: 1 };
      }
      return position(offsetOf(reparsed(), path, target));
    },
    rawValue: (path) => {
      const quick = doc ? undefined : plainNumberAsWritten(yamlText, path, data);
      if (quick !== undefined) return quick;
      const node = reparsed().getIn(path as unknown[], true);
      const range = isScalar(node) ? node.range : undefined;
      return range ? yamlText.slice(range[0], range[1]) : undefined;
    },
  };
}

/** Offset of the key (for map entries) or value (for list items) at `path`, or of the nearest parent. */
function offsetOf(doc: Document, path: readonly PropertyKey[], target: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const [index, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => keyValue(item.key) === String(key));
      if (!pair) break;
      const last = index === path.length - 1;
      offset = (last && target === 'value' && isScalar(pair.value) ? rangeStart(pair.value) : rangeStart(pair.key)) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
      node = node.items[key];
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  return offset ?? 0;
}

/**
 * The text of a plain number at `path` found without a second, position-aware parse (which costs far more,
 * and is kept for the file's lifetime): only when its key occurs once in the file and the text reads as the
 * parsed value. Anything less certain returns undefined, and the caller parses again.
 */
function plainNumberAsWritten(text: string, path: readonly PropertyKey[], data: unknown): string | undefined {
  const key = path.at(-1);
  if (typeof key !== 'string' || !/^[A-Za-z]+$/.test(key)) return undefined;
  let value: unknown = data;
  for (const step of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step] : undefined;
  if (typeof value !== 'number') return undefined;
  const matches = [...text.matchAll(new RegExp(`(?:^|[\\s{,])${key}\\s*:\\s*(-?\\d+(?:\\.\\d+)?)(?=\\s*(?:[,}#\\n]|$))`, 'gm'))];
  const written = matches.length === 1 ? matches[0]![1]! : undefined;
  return written !== undefined && text.split(key).length === 2 && Number(written) === value ? written : undefined;
}

/**
 * The key a DUPLICATE_KEY error is about, and where it starts. `yaml` says only "Map keys must be unique"; its
 * position is the start of the repeated key, or the end of the line before it when that line's value is empty
 * (`opens:` then `opens: "08:00"`).
 */
function repeatedKey(doc: Document, text: string, position: number): { path: PropertyKey[]; offset: number } | undefined {
  let offset = position;
  while (offset < text.length && /\s/.test(text[offset]!)) offset++;
  const path = pathOfKeyAt(doc, offset);
  return path && { path, offset };
}

/** The path of the map key that starts at `offset` (`address.addressRegion`, `openingHours[0].opens`), if any. */
function pathOfKeyAt(doc: Document, offset: number): PropertyKey[] | undefined {
  const search = (node: unknown, path: PropertyKey[]): PropertyKey[] | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyValue(pair.key);
        if (key === undefined) continue;
        if (rangeStart(pair.key) === offset) return [...path, key];
        const found = search(pair.value, [...path, key]);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) {
        const found = search(item, [...path, index]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(doc.contents, []);
}

function keyValue(key: unknown): string | undefined {
  if (key && typeof key === 'object' && 'value' in key) return String((key as { value: unknown }).value);
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function yamlHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each field may appear only once; delete or rename the second one';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: nested fields use two more spaces than their parent, and list items start with `- `';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'check the indentation of this line and the one above (nested fields use two more spaces than their parent), and put text that contains `: ` in quotes';
    default:
      return 'fix the YAML syntax at this position; text containing `:` or `#` must be quoted';
  }
}
