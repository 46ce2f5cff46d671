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
  const locations = compact(sources.locations.map((file) => validate(file, parseYamlSource, locationSchema)));
  const services = compact(sources.services.map((file) => validate(file, parseMarkdownSource, serviceSchema)));
  const conditions = compact(sources.conditions.map((file) => validate(file, parseMarkdownSource, conditionSchema)));

  problems.push(...duplicateSlugs(locations), ...duplicateSlugs(services), ...duplicateSlugs(conditions));
  problems.push(...unknownReferences(locations, 'services', services, invalidSlugs, 'services/<slug>.md'));
  problems.push(...unknownReferences(services, 'conditions', conditions, invalidSlugs, 'conditions/<slug>.md'));
  problems.push(...missingStaticFiles(site, locations, new Set(sources.staticFiles)));

  if (problems.some((problem) => problem.severity === 'error') || !site) return { problems: sortProblems(problems) };
  return { dataset: { site, locations, services, conditions }, problems: sortProblems(problems) };
}

/** Images given as site paths (`/images/a.jpg`) must be files in `static/`, or the pages link to nothing. */
function missingStaticFiles(site: Entry<SiteData> | undefined, locations: Entry<LocationData>[], staticFiles: Set<string>): Problem[] {
  const references = [
    ...(site?.data.organization.logo ? [{ entry: site as Entry<unknown>, path: ['organization', 'logo'], value: site.data.organization.logo }] : []),
    ...locations.flatMap((entry) => entry.data.images.map((value, index) => ({ entry: entry as Entry<unknown>, path: ['images', index], value }))),
  ];
  return references
    .filter(({ value }) => value.startsWith('/') && !staticFiles.has(decodeURI(value.split(/[?#]/)[0]!)))
    .map(({ entry, path, value }) =>
      locatedProblem(entry.source, path, `"${value}" is not a file in the data folder's static/ folder`,
        `put the file at static${value} inside the data folder, or use an absolute https:// URL`),
    );
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
  const firstBySlug = new Map<string, Entry<{ slug: string }>>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    const first = firstBySlug.get(entry.data.slug);
    if (first) {
      problems.push(
        locatedProblem(entry.source, ['slug'], `slug "${entry.data.slug}" is already used by ${first.source.file}`,
          'give every file its own slug; the slug becomes the page address'),
      );
    } else {
      firstBySlug.set(entry.data.slug, entry);
    }
  }
  return problems;
}

function unknownReferences<K extends string>(
  entries: Entry<Record<K, string[]>>[],
  field: K,
  targets: Entry<{ slug: string }>[],
  invalidSlugs: Set<string>,
  expectedFile: string,
): Problem[] {
  const known = targets.map((target) => target.data.slug);
  const knownSet = new Set([...known, ...invalidSlugs]);
  return entries.flatMap((entry) =>
    entry.data[field].flatMap((slug, index) => {
      if (knownSet.has(slug)) return [];
      const guess = closestMatch(slug, known);
      return [
        locatedProblem(entry.source, [field, index], `"${slug}" does not match any ${field.replace(/s$/, '')}`,
          guess ? `did you mean "${guess}"?` : `create ${expectedFile.replace('<slug>', slug)} in the data folder, or remove "${slug}" from the list`),
      ];
    }),
  );
}
