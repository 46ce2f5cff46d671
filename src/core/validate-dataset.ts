import type { z } from 'zod';
import { parseMarkdownSource, parseYamlSource, type ParsedSource, type SourceFile } from './parse-source.js';
import { sortProblems, type Problem } from './problems.js';
import {
  conditionSchema,
  locationSchema,
  serviceSchema,
  siteSchema,
  type ConditionData,
  type LocationData,
  type ServiceData,
  type SiteData,
} from './schema.js';
import { slugify } from './slugify.js';
import { closestMatch, locatedProblem, zodProblems } from './zod-problems.js';

/** The raw files of a data folder, grouped by kind. */
export interface DataSources {
  site?: SourceFile;
  locations: SourceFile[];
  services: SourceFile[];
  conditions: SourceFile[];
  /** Site paths of the files in `static/`, which are copied to the output as they are. */
  staticFiles: string[];
}

/** One validated record with the source it came from, so later checks can still point at lines. */
export interface Entry<T> {
  data: T;
  /** Markdown body (services and conditions); empty for YAML files. */
  body: string;
  source: ParsedSource;
}

/** Validated data, every cross-reference resolved. */
export interface Dataset {
  site: Entry<SiteData>;
  locations: Entry<LocationData>[];
  services: Entry<ServiceData>[];
  conditions: Entry<ConditionData>[];
}

/** Parse and validate every file, collecting all problems before giving up. */
export function validateDataset(sources: DataSources, siteFileName = 'site.yaml'): { dataset?: Dataset; problems: Problem[] } {
  const validator = startValidation(sources, siteFileName);
  const locations = compact(sources.locations.map((file) => validator.location(file)));
  const { site, services, conditions, problems } = validator.finish();
  if (!site || problems.some((problem) => problem.severity === 'error')) return { problems };
  return { dataset: { site, locations, services, conditions }, problems };
}

/** Validates the location files one at a time, after the site, services and conditions (see startValidation). */
export interface LocationValidator {
  /** The validated site.yaml, known before any location (locations are normalized with its language). */
  site?: Entry<SiteData>;
  /** Validate one location file, including its references to services and static files; its entry when valid. */
  location(source: SourceFile): Entry<LocationData> | undefined;
  /**
   * Take a location file as valid without reading it again (a previous build validated it against the same site,
   * services and static files): false when its slug is taken, to validate it after all and report that.
   */
  claimLocationSlug(slug: string, file: string): boolean;
  /** The problems found in location files so far, unsorted. */
  readonly locationProblems: readonly Problem[];
  /**
   * The slug and file (as named in problems) of every valid location so far, in order: only when this validator
   * does not report duplicate slugs itself (see ValidationOptions), for the thread that merges to do it.
   */
  readonly locationSlugs: readonly (readonly [string, string])[];
  /** The first file (as named in problems) of every location slug so far; the thread that merges adds to it. */
  readonly firstFileBySlug: Map<string, string>;
  /** Every problem found, sorted, with the validated site, services and conditions. */
  finish(): { site?: Entry<SiteData>; services: Entry<ServiceData>[]; conditions: Entry<ConditionData>[]; problems: Problem[] };
}

export interface ValidationOptions {
  /**
   * Report a location slug used by an earlier file (default true). A thread that loads a later share of the
   * location files leaves it to the thread that merges the shares, which knows the files before (see
   * duplicateLocationSlug).
   */
  duplicateLocationSlugs?: boolean;
}

/**
 * Validate the site, services and conditions, then let the caller feed the location files one at a time: a
 * chain of 100,000 locations never holds them all. A location is checked against everything else as it
 * comes; only its slug is kept, to find a slug used twice.
 */
export function startValidation(sources: Omit<DataSources, 'locations'>, siteFileName = 'site.yaml', options: ValidationOptions = {}): LocationValidator {
  const problems: Problem[] = [];
  // Slugs of files that failed validation: references to them are not reported again as unknown.
  const invalidSlugs = new Set<string>();
  const validate = <T>(source: SourceFile, parse: typeof parseYamlSource, schema: z.ZodType<T>): Entry<T> | undefined => {
    const parsed = parse(source);
    if (Array.isArray(parsed)) {
      problems.push(...parsed);
      invalidSlugs.add(fileStem(source.file));
      return undefined;
    }
    const result = schema.safeParse(withDerivedSlug(parsed.data, source.file, schema));
    if (!result.success) {
      problems.push(...zodProblems(parsed, schema, result.error));
      const slug = (parsed.data as { slug?: unknown } | null)?.slug;
      invalidSlugs.add(typeof slug === 'string' ? slug : fileStem(source.file));
      return undefined;
    }
    return { data: result.data, body: parsed.body, source: parsed };
  };

  if (!sources.site) {
    problems.push({
      severity: 'error',
      file: siteFileName,
      message: 'the data folder has no site.yaml',
      hint: 'create site.yaml with baseUrl, name and organization (see the README, "The data format")',
    });
  }
  const site = sources.site && validate(sources.site, parseYamlSource, siteSchema);
  const services = compact(sources.services.map((file) => validate(file, parseMarkdownSource, serviceSchema)));
  const conditions = compact(sources.conditions.map((file) => validate(file, parseMarkdownSource, conditionSchema)));
  problems.push(...duplicateSlugs(services), ...duplicateSlugs(conditions));
  problems.push(...unknownReferences(services, 'conditions', conditions, invalidSlugs, 'conditions/<slug>.md'));
  const staticFiles = new Set(sources.staticFiles);
  if (site) problems.push(...missingStaticFiles(site, [['organization', 'logo']], staticFiles));

  const serviceReferences = referenceChecker('services', services, invalidSlugs, 'services/<slug>.md');
  const firstFileBySlug = new Map<string, string>();
  const locationSlugs: [string, string][] = [];
  const reportDuplicates = options.duplicateLocationSlugs ?? true;
  // Problems of location files are found into their own list from here on, which a load in several threads merges.
  const sharedProblems = problems.splice(0);
  return {
    ...(site ? { site } : {}),
    location(source) {
      const entry = validate(source, parseYamlSource, locationSchema);
      if (!entry) return undefined;
      // A copy: the parsed slug is cut from the file's text and would keep all of it alive.
      const slug = JSON.parse(JSON.stringify(entry.data.slug)) as string;
      const first = firstFileBySlug.get(slug);
      if (first === undefined) firstFileBySlug.set(slug, entry.source.file);
      else if (reportDuplicates) problems.push(duplicateSlugProblem(entry, first));
      if (!reportDuplicates) locationSlugs.push([slug, entry.source.file]);
      problems.push(...serviceReferences(entry));
      problems.push(...missingStaticFiles(entry, entry.data.images.map((_, index) => ['images', index]), staticFiles));
      return entry;
    },
    claimLocationSlug(slug, file) {
      if (firstFileBySlug.has(slug) && reportDuplicates) return false;
      if (!firstFileBySlug.has(slug)) firstFileBySlug.set(slug, file);
      if (!reportDuplicates) locationSlugs.push([slug, file]);
      return true;
    },
    locationProblems: problems,
    locationSlugs,
    firstFileBySlug,
    finish() {
      return { ...(site ? { site } : {}), services, conditions, problems: sortProblems([...sharedProblems, ...problems]) };
    },
  };
}

/**
 * The problem of a location file whose slug an earlier file (`firstFile`) already uses, as `location()` reports
 * it: for a load split over several threads, which finds such pairs only when it merges their results.
 */
export function duplicateLocationSlug(source: SourceFile, slug: string, firstFile: string): Problem {
  const parsed = parseYamlSource(source);
  const entry = { data: { slug }, source: Array.isArray(parsed) ? unlocated(source.file) : parsed };
  return duplicateSlugProblem(entry, firstFile);
}

/** A stand-in for a file that no longer parses: its problems then point at the file's start. */
function unlocated(file: string): ParsedSource {
  return { file, data: null, body: '', locate: () => ({ line: 1, column: 1 }), rawValue: () => undefined };
}

/** Images given as site paths (`/images/a.jpg`) must be files in `static/`, or the pages link to nothing. */
function missingStaticFiles(entry: Entry<unknown>, paths: (string | number)[][], staticFiles: Set<string>): Problem[] {
  return paths.flatMap((path) => {
    const value = valueAt(entry.data, path);
    if (typeof value !== 'string' || !value.startsWith('/') || staticFiles.has(decodeURI(value.split(/[?#]/)[0]!))) return [];
    return [locatedProblem(entry.source, path, `"${value}" is not a file in the data folder's static/ folder`,
      `put the file at static${value} inside the data folder, or use an absolute https:// URL`)];
  });
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown> | undefined)?.[key], data);
}

/**
 * Records may leave out `slug`: it is derived from the name (`Clínica Müller` -> `clinica-muller`), or
 * from the file name when the name has no Latin letters.
 */
function withDerivedSlug(data: unknown, file: string, schema: z.ZodType): unknown {
  if (schema === siteSchema || data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const record = data as Record<string, unknown>;
  if (record.slug !== undefined || typeof record.name !== 'string') return data;
  const fromName = slugify(record.name);
  const fromFile = slugify(fileStem(file));
  return { ...record, slug: fromName || fromFile };
}

function fileStem(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
}

function compact<T>(items: (T | undefined)[]): T[] {
  return items.filter((item): item is T => item !== undefined);
}

function duplicateSlugs(entries: Entry<{ slug: string }>[]): Problem[] {
  const firstFileBySlug = new Map<string, string>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    const first = firstFileBySlug.get(entry.data.slug);
    if (first) problems.push(duplicateSlugProblem(entry, first));
    else firstFileBySlug.set(entry.data.slug, entry.source.file);
  }
  return problems;
}

function duplicateSlugProblem(entry: Pick<Entry<{ slug: string }>, 'data' | 'source'>, firstFile: string): Problem {
  return locatedProblem(entry.source, ['slug'], `slug "${entry.data.slug}" is already used by ${firstFile}`,
    'give every file its own slug; the slug becomes the page address');
}

function unknownReferences<K extends string>(
  entries: Entry<Record<K, string[]>>[],
  field: K,
  targets: Entry<{ slug: string }>[],
  invalidSlugs: Set<string>,
  expectedFile: string,
): Problem[] {
  const check = referenceChecker(field, targets, invalidSlugs, expectedFile);
  return entries.flatMap(check);
}

/** A check that every slug an entry lists in `field` names one of `targets` (or a file that failed validation). */
function referenceChecker<K extends string>(field: K, targets: Entry<{ slug: string }>[], invalidSlugs: Set<string>, expectedFile: string) {
  const known = targets.map((target) => target.data.slug);
  const knownSet = new Set([...known, ...invalidSlugs]);
  return (entry: Entry<Record<K, string[]>>): Problem[] =>
    entry.data[field].flatMap((slug, index) => {
      if (knownSet.has(slug)) return [];
      const guess = closestMatch(slug, known);
      return [
        locatedProblem(entry.source, [field, index], `"${slug}" does not match any ${field.replace(/s$/, '')}`,
          guess ? `did you mean "${guess}"?` : `create ${expectedFile.replace('<slug>', slug)} in the data folder, or remove "${slug}" from the list`),
      ];
    });
}
