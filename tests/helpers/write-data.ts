import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { tempDir } from './build.js';

/** A data set described in memory, written as the YAML and Markdown files a user would write. */
export interface DataSpec {
  site: Record<string, unknown>;
  locations: Record<string, unknown>[];
  services: (Record<string, unknown> & { body?: string })[];
  conditions: (Record<string, unknown> & { body?: string })[];
}

/** Write a data folder from a spec; file names come from the slug, or from `file` when given. */
export async function writeData(spec: DataSpec): Promise<string> {
  const dataDir = path.join(await tempDir(), 'data');
  for (const folder of ['locations', 'services', 'conditions']) await mkdir(path.join(dataDir, folder), { recursive: true });
  await writeFile(path.join(dataDir, 'site.yaml'), stringify(spec.site));
  const safe = (value: unknown) => (typeof value === 'string' && /^[\w.-]{1,100}$/.test(value) ? value : undefined);
  const name = (record: Record<string, unknown>, index: number) => safe(record.file) ?? safe(record.slug) ?? `item-${index}`;
  const strip = ({ file: _file, body: _body, ...rest }: Record<string, unknown>) => rest;
  await Promise.all([
    ...spec.locations.map((location, index) =>
      writeFile(path.join(dataDir, 'locations', `${name(location, index)}.yaml`), stringify(strip(location)))),
    ...spec.services.map((service, index) =>
      writeFile(path.join(dataDir, 'services', `${name(service, index)}.md`), `---\n${stringify(strip(service))}---\n${service.body ?? ''}\n`)),
    ...spec.conditions.map((condition, index) =>
      writeFile(path.join(dataDir, 'conditions', `${name(condition, index)}.md`), `---\n${stringify(strip(condition))}---\n${condition.body ?? ''}\n`)),
  ]);
  return dataDir;
}

/** A small valid spec to start from. */
export function baseSpec(): DataSpec {
  return {
    site: { baseUrl: 'https://spec.example', name: 'Spec Clinic', organization: { name: 'Spec Clinic' } },
    locations: [
      {
        name: 'Spec Clinic',
        slug: 'main',
        address: { addressLocality: 'Kearney', addressRegion: 'NE', addressCountry: 'US' },
        telephone: '(308) 555-0100',
        services: ['massage'],
      },
    ],
    services: [{ name: 'Massage', slug: 'massage', conditions: ['back-pain'], body: 'Massage relaxes muscles.' }],
    conditions: [{ name: 'Back Pain', slug: 'back-pain', body: 'Pain in the back.' }],
  };
}
