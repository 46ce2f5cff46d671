import { z } from 'zod';
import type { ParsedSource } from './parse-source.js';
import type { Problem } from './problems.js';

/** Turn zod issues into located problems, with a "did you mean" for misspelt field names. */
export function zodProblems(source: ParsedSource, schema: z.ZodType, error: z.ZodError): Problem[] {
  // A misspelt field ("telphone") also leaves the real one missing: report the typo, not both.
  const suggested = new Set<string>();
  for (const issue of error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeysAt(schema, issue.path);
    for (const key of issue.keys) {
      const guess = closestMatch(key, known);
      if (guess) suggested.add(formatPath([...issue.path, guess]));
    }
  }
  const issues = error.issues.filter(
    (issue) => !(issue.code === 'invalid_type' && valueAt(source.data, issue.path) === undefined && suggested.has(formatPath(issue.path))),
  );
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        const guess = closestMatch(key, known);
        return locatedProblem(source, path, `unknown field "${printable(key)}"`,
          guess ? `did you mean "${guess}"?` : `remove it; the fields allowed here are: ${known.join(', ')}`, 'key');
      });
    }
    const value = valueAt(source.data, issue.path);
    const missing = value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union');
    // `name:` with nothing after it: YAML reads an empty value.
    const empty = value === null && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value');
    const message = missing ? 'this field is required' : empty ? 'is empty' : issueMessage(issue, value);
    const customHint = issue.code === 'custom' ? (issue.params as { hint?: string } | undefined)?.hint : undefined;
    // Removing the line is advice only for a field of its own line at the top of the file: inside `{ … }`, after
    // `- ` or among fields that need one another (special hours' dates and times) it would break something else.
    const removable = issue.path.length === 1 && isOptionalAt(schema, issue.path);
    const kind = missing ? 'missing' : empty ? (removable ? 'empty-optional' : 'empty') : 'wrong';
    return [locatedProblem(source, issue.path, message, customHint ?? hintFor(issue.path, kind))];
  });
}

/** A problem at a field path, with its line and column. */
export function locatedProblem(
  source: ParsedSource,
  path: readonly PropertyKey[],
  message: string,
  hint?: string,
  target: 'key' | 'value' = 'value',
): Problem {
  return {
    severity: 'error',
    file: source.file,
    ...source.locate(path, target),
    path: formatPath(path),
    message,
    ...(hint ? { hint } : {}),
  };
}

/** `openingHours[0].opens` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${printable(String(key))}`))
    .join('') || '(file)';
}

/** A name from the data as it can be printed on a terminal: control characters (a line break, an escape) as `\u001b`. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function issueMessage(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `${JSON.stringify(value)} is not allowed; use one of: ${issue.values.map(String).join(', ')}`;
  }
  if (issue.code === 'invalid_type') {
    return `must be ${KINDS[issue.expected] ?? article(issue.expected)}, not ${describe(value)}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'number') return `must be at least ${issue.minimum}`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `must be at most ${issue.maximum}`;
  if (issue.code === 'too_small' && issue.origin === 'array') return `must list at least ${issue.minimum} item(s)`;
  if (issue.code === 'invalid_union') return `${JSON.stringify(value)} ${issue.message}`;
  return issue.message;
}

/** What a kind of value is, in the words of someone editing a YAML file. */
const KINDS: Record<string, string> = {
  array: 'a list',
  object: 'a group of fields',
  boolean: 'true or false',
  string: 'text',
  number: 'a number',
};

const FIELD_HINTS: Record<string, string> = {
  telephone: 'write the number as people dial it, e.g. (308) 455-1500, or in international form, e.g. +1 308 455 1500',
  slug: 'use lower-case letters, digits and hyphens, e.g. kearney or dry-needling',
  services: 'list service slugs, e.g. dry-needling; each needs a file data/services/<slug>.md',
  conditions: 'list condition slugs, e.g. back-pain; each needs a file data/conditions/<slug>.md',
  opens: 'use 24-hour time with two digits, e.g. 08:00 or 17:30',
  closes: 'use 24-hour time with two digits, e.g. 08:00 or 17:30',
  days: 'use day names such as Monday, a list [Monday, Wednesday], or a range Monday-Friday',
  baseUrl: 'write the full address of the site, e.g. https://www.example.com',
  addressCountry: 'use the two-letter country code, e.g. US, CA or GB',
  latitude: 'copy the coordinates from a map, e.g. latitude: 40.69946',
  longitude: 'copy the coordinates from a map, e.g. longitude: -99.08148',
  date: 'write dates as YYYY-MM-DD, e.g. 2026-12-24',
  from: 'write dates as YYYY-MM-DD, e.g. 2026-12-24',
  through: 'write dates as YYYY-MM-DD, e.g. 2026-12-31',
};

/** Hints for a field that holds other fields or a list, when the field itself is wrong (not one of its parts). */
const WHOLE_FIELD_HINTS: Record<string, string> = {
  address: 'put each part on its own line under `address:`, indented two spaces: streetAddress, addressLocality, addressRegion, postalCode, addressCountry',
  geo: 'put latitude and longitude under `geo:`, e.g. geo: { latitude: 40.69946, longitude: -99.08148 }',
  openingHours: 'write one line per shift under `openingHours:`, e.g. - { days: Monday-Friday, opens: "08:00", closes: "17:00" }',
  specialHours: 'write one line per date or range under `specialHours:`, e.g. - { date: 2026-12-24, closed: true }',
  isAcceptingNewPatients: 'write true or false, without quotes',
  images: 'list image paths or URLs, e.g. [/images/kearney.jpg]',
  organization: 'put the organization\'s fields under `organization:`, indented two spaces, e.g. `name: Elite Health and Wellness`',
};

function hintFor(path: readonly PropertyKey[], value: 'missing' | 'empty' | 'empty-optional' | 'wrong'): string | undefined {
  const field = [...path].reverse().find((key): key is string => typeof key === 'string');
  const hint = field === undefined ? undefined : (FIELD_HINTS[field] ?? (field === path.at(-1) ? WHOLE_FIELD_HINTS[field] : undefined));
  if (value === 'wrong') return hint;
  const key = String(path.at(-1));
  const parent = path.length > 1 ? formatPath(path.slice(0, -1)) : undefined;
  const fix = value !== 'missing'
    ? typeof path.at(-1) === 'number' ? 'write a value there, or remove the empty item'
      : `write a value after \`${key}:\`${value === 'empty-optional' ? ', or remove the line' : ''}`
    : parent ? `add \`${key}:\` under \`${parent}:\`` : `add a line \`${key}: …\``;
  return hint ? `${fix}; ${hint}` : fix;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function describe(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  if (typeof value === 'string') {
    // Cut by characters, not UTF-16 units, so an emoji is never split.
    const characters = Array.from(value);
    return `the text "${characters.length > 40 ? `${characters.slice(0, 39).join('')}…` : value}"`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : String(value);
  return String(value);
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The field names an object schema allows at `path` (unwrapping optional, default, list and pipe). */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const node = unwrap(fieldSchemaAt(schema, path));
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

/** Whether the field at `path` may be left out (it is optional or has a default). */
function isOptionalAt(schema: z.ZodType, path: readonly PropertyKey[]): boolean {
  const node = fieldSchemaAt(schema, path);
  return node instanceof z.ZodOptional || node instanceof z.ZodDefault;
}

/** The schema of the field at `path` as declared, with its optional or default wrapper. */
function fieldSchemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    current = unwrap(current);
    if (typeof key === 'number') continue;
    current = current instanceof z.ZodObject ? (current.shape[String(key)] as z.ZodType | undefined) : undefined;
  }
  return current;
}

/** The schema inside optional, default, nullable, pipe and list wrappers. */
function unwrap(type: z.ZodType | undefined): z.ZodType | undefined {
  let node = type;
  for (;;) {
    if (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodNullable) node = node.unwrap() as z.ZodType;
    else if (node instanceof z.ZodPipe) node = (node.in instanceof z.ZodTransform ? node.out : node.in) as z.ZodType;
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else return node;
  }
}

/** The known name closest to `name` by edit distance, if it is close enough to be a typo. */
export function closestMatch(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
