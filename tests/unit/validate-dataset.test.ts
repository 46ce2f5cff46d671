import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/problems.js';
import { validateDataset, type DataSources } from '../../src/core/validate-dataset.js';

const SITE = 'baseUrl: https://clinic.example\nname: Clinic\norganization:\n  name: Clinic\n';
const LOCATION = [
  'name: Clinic',
  'slug: main',
  'address:',
  '  addressLocality: Kearney',
  '  addressRegion: NE',
  '  addressCountry: US',
  'telephone: (308) 455-1500',
  'services: [massage]',
].join('\n');
const SERVICE = '---\nname: Massage\nslug: massage\n---\nBody.\n';

function sources(overrides: Partial<DataSources> = {}): DataSources {
  return {
    site: { file: 'site.yaml', text: SITE },
    locations: [{ file: 'locations/main.yaml', text: LOCATION }],
    services: [{ file: 'services/massage.md', text: SERVICE }],
    conditions: [],
    staticFiles: [],
    ...overrides,
  };
}

const messages = (input: DataSources) => validateDataset(input).problems.map(formatProblem);

describe('validateDataset', () => {
  it('accepts valid data and fills defaults', () => {
    const { dataset, problems } = validateDataset(sources());
    expect(problems).toEqual([]);
    expect(dataset?.locations[0]?.data.types).toEqual(['MedicalClinic']);
    expect(dataset?.site.data.language).toBe('en-US');
    expect(dataset?.services[0]?.data.type).toBe('MedicalTherapy');
  });

  it('collects problems from every file at once, with lines', () => {
    const badLocation = LOCATION.replace('telephone: (308) 455-1500', 'telephone: 12').replace('addressRegion: NE', 'addressRegion: ""');
    expect(
      messages(sources({
        site: { file: 'site.yaml', text: SITE.replace('https://clinic.example', 'clinic.example') },
        locations: [{ file: 'locations/main.yaml', text: badLocation }],
        services: [{ file: 'services/massage.md', text: SERVICE.replace('slug: massage', 'slug: Massage Therapy') }],
      })),
    ).toEqual([
      'locations/main.yaml:5:18 address.addressRegion: Must not be empty.',
      'locations/main.yaml:7:12 telephone: "12" is not a valid telephone number for country US. Write the number as people dial it, e.g. (308) 455-1500, or in international form, e.g. +1 308 455 1500.',
      'services/massage.md:3:7 slug: Must be a slug: lower-case letters, digits and single hyphens. Use lower-case letters, digits and hyphens, e.g. kearney or dry-needling.',
      'site.yaml:1:10 baseUrl: Must be an absolute http:// or https:// URL. Write the full address of the site, e.g. https://www.example.com.',
    ]);
  });

  it('suggests the field a typo meant', () => {
    expect(messages(sources({ locations: [{ file: 'l.yaml', text: LOCATION.replace('services:', 'servces:') }] }))).toEqual([
      'l.yaml:8:1 servces: Unknown field "servces". Did you mean "services"?',
    ]);
  });

  it('points YAML syntax errors at their line', () => {
    const [problem] = messages(sources({ locations: [{ file: 'l.yaml', text: 'name: A\nslug: a\nservices: [x\n' }] }));
    expect(problem).toMatch(/^l\.yaml:[34]:\d+: YAML syntax error: .+\. .+/);
  });

  it('reports keys that are the same once read, even where one parser would accept them', () => {
    expect(messages(sources({ locations: [{ file: 'l.yaml', text: `${LOCATION}\n1: a\n"1": b` }] }))).toEqual([
      'l.yaml:10:1: YAML syntax error: duplicated mapping key. Each field may appear only once; delete or rename the second one.',
    ]);
  });

  it('counts front matter lines from the top of the Markdown file', () => {
    const [problem] = messages(sources({ services: [{ file: 's.md', text: '---\nname: Massage\nslug: massage\ntype: Massage\n---\n' }] }));
    expect(problem).toBe('s.md:4:7 type: "Massage" is not allowed; use one of: MedicalTherapy, PhysicalTherapy, OccupationalTherapy, TherapeuticProcedure.');
  });

  it('rejects unknown references and duplicate slugs, suggesting the nearest slug', () => {
    const second = { file: 'locations/copy.yaml', text: LOCATION.replace('[massage]', '[masage]') };
    expect(messages(sources({ locations: [{ file: 'locations/main.yaml', text: LOCATION }, second] }))).toEqual([
      'locations/copy.yaml:2:7 slug: Slug "main" is already used by locations/main.yaml. Give every file its own slug; the slug becomes the page address.',
      'locations/copy.yaml:8:12 services[0]: "masage" does not match any service. Did you mean "massage"?',
    ]);
  });

  it('checks opening and special hours', () => {
    const hours = [
      'openingHours:',
      '  - { days: Monday-Friday, opens: "8:00", closes: "17:00" }',
      '  - { days: Funday, opens: "09:00", closes: "09:00" }',
      'specialHours:',
      '  - { date: "2026-02-30", closed: true }',
      '  - { from: "2026-12-31", through: "2026-12-24", closed: true }',
      '  - { date: "2026-12-24" }',
    ].join('\n');
    expect(messages(sources({ locations: [{ file: 'l.yaml', text: `${LOCATION}\n${hours}` }] }))).toEqual([
      'l.yaml:10:35 openingHours[0].opens: Must be a 24-hour time written HH:MM. Use 24-hour time with two digits, e.g. 08:00 or 17:30.',
      'l.yaml:11:13 openingHours[1].days: "Funday" is not a day of the week. Use day names such as Monday, a list [Monday, Wednesday], or a range Monday-Friday.',
      'l.yaml:11:45 openingHours[1].closes: Closes at the same time it opens. Leave out the days the clinic is closed; for a whole day write opens: "00:00", closes: "23:59".',
      'l.yaml:13:13 specialHours[0].date: 2026-02-30 is not a real calendar date. Write dates as YYYY-MM-DD, e.g. 2026-12-24.',
      'l.yaml:14:36 specialHours[1].through: `through` (2026-12-24) is before `from` (2026-12-31). Write dates as YYYY-MM-DD, e.g. 2026-12-31.',
      'l.yaml:15:5 specialHours[2]: Needs `opens` and `closes`, or `closed: true`.',
    ]);
  });

  it('requires site.yaml and static files for site-relative images', () => {
    const withImage = { file: 'l.yaml', text: `${LOCATION}\nimages: [/images/front.jpg]` };
    expect(messages(sources({ site: undefined }))).toEqual([
      'site.yaml: The data folder has no site.yaml. Create site.yaml with baseUrl, name and organization (see the README, "The data format").',
    ]);
    expect(messages(sources({ locations: [withImage] }))).toEqual([
      'l.yaml:9:10 images[0]: "/images/front.jpg" is not a file in the data folder\'s static/ folder. Put the file at static/images/front.jpg inside the data folder, or use an absolute https:// URL.',
    ]);
    expect(messages(sources({ locations: [withImage], staticFiles: ['/images/front.jpg'] }))).toEqual([]);
  });
});

describe('coordinates as written', () => {
  const audit = async (geo: string) => {
    const { auditDataset } = await import('../../src/core/audit-dataset.js');
    const { dataset } = validateDataset(sources({ locations: [{ file: 'locations/main.yaml', text: `${LOCATION}\n${geo}` }] }));
    return auditDataset(dataset!).filter((problem) => problem.path?.startsWith('geo')).map(formatProblem);
  };

  it('counts trailing zeros the number itself has lost', async () => {
    expect(await audit('geo: { latitude: 40.69900, longitude: -99.08100 }')).toEqual([]);
    expect(await audit('geo:\n  latitude: 40.69900\n  longitude: -99.08148\n')).toEqual([]);
  });

  it('still points at the right line when the same key is written twice in the file', async () => {
    const problems = await audit('geo:\n  latitude: 40.699 # latitude: 40.69900\n  longitude: -99.08148\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/locations\/main\.yaml:10:\d+ geo\.latitude: Latitude 40\.699 has 3 decimals/);
  });
});
