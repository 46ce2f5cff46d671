#!/usr/bin/env node
// npm run bench -- --locations 10000 --services 10 [--repeat N] [--threads N] [--load-threads N] [--no-baseline] [--no-rebuild] [--dir /dev/shm] [--keep]
//
// Generates a deterministic synthetic chain in clinic-seo's data format, builds it, and prints pages, wall time,
// pages per second, CPU time, peak RSS, output bytes and the time of each stage; then the floor (the same pages'
// bytes written from memory, no rendering) and our ratio to it; then an unchanged rebuild and a rebuild after one
// location changed. Each measurement runs in its own process, so peak RSS is that run's own.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SCRIPT = fileURLToPath(import.meta.url);
const USAGE = `Usage: npm run bench -- --locations N --services S [options]

Generates a synthetic chain of N locations x S services, builds it, and prints wall time, pages/s, CPU time,
peak RSS, output size and stage times; then the floor (the same bytes written from memory) and the ratio to it;
then a rebuild with no change and one after one location's hours changed.

Options:
  --locations N      locations in the chain (default 100)
  --services S       services at every location (default 10)
  --repeat N         run the fresh build and the floor N times each, alternately, and compare medians
  --threads N        render threads (default: from 2,000 pages on, one per core, up to four)
  --load-threads N   threads that load the data (default: one from 1,000 location files on)
  --no-baseline      skip the floor
  --no-rebuild       skip the two rebuilds
  --dir DIR          where to generate and build (default /dev/shm, else /tmp)
  --keep             keep the generated data and output
  --generate-only    generate the data and stop
  --help             show this text`;
let parsed;
try {
  parsed = parseArgs({
    options: {
      locations: { type: 'string', default: '100' },
      services: { type: 'string', default: '10' },
      threads: { type: 'string' },
      'load-threads': { type: 'string' },
      dir: { type: 'string', default: existsSync('/dev/shm') ? '/dev/shm' : '/tmp' },
      'no-baseline': { type: 'boolean', default: false },
      'no-rebuild': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'generate-only': { type: 'boolean', default: false },
      repeat: { type: 'string', default: '1' },
      child: { type: 'string' },
      data: { type: 'string' },
      out: { type: 'string' },
      now: { type: 'string', default: '2026-11-27' },
      help: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
for (const name of ['locations', 'services', 'repeat', ...(values.threads ? ['threads'] : []), ...(values['load-threads'] ? ['load-threads'] : [])]) {
  if (!/^[1-9]\d*$/.test(values[name])) {
    console.error(`--${name} must be a whole number above 0, not "${values[name]}"\n\n${USAGE}`);
    process.exit(2);
  }
}

// ---- child processes: one measurement each, printed as JSON ----
if (values.child) {
  let figures;
  const { buildSite } = await import('../lib/build.js');
  const started = performance.now();
  const cpu = process.cpuUsage();
  if (values.child === 'build') {
    const result = await buildSite({ dataDir: values.data, outDir: values.out, now: new Date(`${values.now}T00:00:00Z`), ...(values.threads ? { threads: Number(values.threads) } : {}), ...(values['load-threads'] ? { loadThreads: Number(values['load-threads']) } : {}) });
    figures = { pages: result.pages, written: result.written, unchanged: result.unchanged, removed: result.removed, reusedLocations: result.reusedLocations, threads: result.threads, stages: result.stages, sitemapFiles: result.sitemapFiles.length };
  } else if (values.child === 'baseline') {
    // The floor: the same files' bytes, already in memory, written to a fresh folder with no rendering.
    const files = [];
    for (const entry of await readdir(values.data, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.push({ file: path.relative(values.data, path.join(entry.parentPath, entry.name)), bytes: await readFile(path.join(entry.parentPath, entry.name)) });
    }
    const writeStart = performance.now();
    const writeCpu = process.cpuUsage();
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const made = new Set();
    for (const { file, bytes } of files) {
      const target = path.join(values.out, file);
      const dir = path.dirname(target);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(target, bytes);
    }
    const used = process.cpuUsage(writeCpu);
    console.log(JSON.stringify({ files: files.length, wallMs: performance.now() - writeStart, cpuMs: (used.user + used.system) / 1000, rssMb: peakRssMb() }));
    process.exit(0);
  }
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ ...figures, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, rssMb: peakRssMb() }));
  process.exit(0);
}

// ---- the synthetic data set ----
/** Real US towns with their state, ZIP code, area code and coordinates. */
const TOWNS = [
  ['Kearney', 'NE', '68847', '308', 40.6993, -99.0832], ['Omaha', 'NE', '68102', '402', 41.2565, -95.9345], ['Lincoln', 'NE', '68508', '402', 40.8136, -96.7026],
  ['Grand Island', 'NE', '68801', '308', 40.9264, -98.342], ['Denver', 'CO', '80202', '303', 39.7392, -104.9903], ['Boulder', 'CO', '80302', '303', 40.015, -105.2705],
  ['Austin', 'TX', '78701', '512', 30.2672, -97.7431], ['Dallas', 'TX', '75201', '214', 32.7767, -96.797], ['Houston', 'TX', '77002', '713', 29.7604, -95.3698],
  ['Wichita', 'KS', '67202', '316', 37.6872, -97.3301], ['Topeka', 'KS', '66603', '785', 39.0473, -95.6752], ['Des Moines', 'IA', '50309', '515', 41.5868, -93.625],
  ['Sioux Falls', 'SD', '57104', '605', 43.5446, -96.7311], ['Fargo', 'ND', '58102', '701', 46.8772, -96.7898], ['Minneapolis', 'MN', '55401', '612', 44.9778, -93.265],
  ['Kansas City', 'MO', '64106', '816', 39.0997, -94.5786], ['St. Louis', 'MO', '63101', '314', 38.627, -90.1994], ['Tulsa', 'OK', '74103', '918', 36.154, -95.9928],
  ['Oklahoma City', 'OK', '73102', '405', 35.4676, -97.5164], ['Albuquerque', 'NM', '87102', '505', 35.0844, -106.6504], ['Phoenix', 'AZ', '85004', '602', 33.4484, -112.074],
  ['Salt Lake City', 'UT', '84101', '801', 40.7608, -111.891], ['Boise', 'ID', '83702', '208', 43.615, -116.2023], ['Cheyenne', 'WY', '82001', '307', 41.14, -104.8202],
  ['Billings', 'MT', '59101', '406', 45.7833, -108.5007], ['Madison', 'WI', '53703', '608', 43.0731, -89.4012], ['Chicago', 'IL', '60602', '312', 41.8781, -87.6298],
  ['Indianapolis', 'IN', '46204', '317', 39.7684, -86.1581], ['Columbus', 'OH', '43215', '614', 39.9612, -82.9988], ['Louisville', 'KY', '40202', '502', 38.2527, -85.7585],
  ['Nashville', 'TN', '37203', '615', 36.1627, -86.7816], ['Atlanta', 'GA', '30303', '404', 33.749, -84.388], ['Charlotte', 'NC', '28202', '704', 35.2271, -80.8431],
  ['Richmond', 'VA', '23219', '804', 37.5407, -77.436], ['Pittsburgh', 'PA', '15222', '412', 40.4406, -79.9959], ['Buffalo', 'NY', '14202', '716', 42.8864, -78.8784],
  ['Portland', 'OR', '97204', '503', 45.5152, -122.6784], ['Seattle', 'WA', '98101', '206', 47.6062, -122.3321], ['Sacramento', 'CA', '95814', '916', 38.5816, -121.4944],
  ['Reno', 'NV', '89501', '775', 39.5296, -119.8138],
];
const SERVICE_TYPES = ['PhysicalTherapy', 'OccupationalTherapy', 'MedicalTherapy'];
const WORDS = 'patient movement strength pain recovery muscle joint therapy exercise balance posture mobility injury surgery plan care session stretch function daily life goal progress assessment treatment'.split(' ');

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function paragraph(next, words) {
  const text = Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

async function generate(dataDir, locations, services) {
  const next = random(20261127);
  await rm(dataDir, { recursive: true, force: true });
  for (const folder of ['locations', 'services', 'conditions']) await mkdir(path.join(dataDir, folder), { recursive: true });
  await writeFile(path.join(dataDir, 'site.yaml'), 'baseUrl: https://bench-chain.example\nname: Bench Physio\norganization:\n  name: Bench Physio Group\n  telephone: (402) 555-0100\n');
  const conditionSlugs = [];
  for (let s = 0; s < services; s++) {
    const slugs = [0, 1, 2].map((c) => `condition-${s}-${c}`);
    conditionSlugs.push(...slugs);
    const body = Array.from({ length: 6 }, (_, i) => `## Part ${i + 1}\n\n${paragraph(next, 60)}`).join('\n\n');
    await writeFile(path.join(dataDir, 'services', `service-${s}.md`),
      `---\nname: Service ${s}\nslug: service-${s}\ntype: ${SERVICE_TYPES[s % SERVICE_TYPES.length]}\nprocedureType: NoninvasiveProcedure\nconditions: [${slugs.join(', ')}]\ndescription: Service ${s} helps people recover strength and movement after injury or surgery.\n---\n${body}\n`);
  }
  for (const slug of conditionSlugs) {
    await writeFile(path.join(dataDir, 'conditions', `${slug}.md`), `---\nname: ${slug.replace(/-/g, ' ')}\nslug: ${slug}\n---\n${paragraph(next, 120)}\n\n${paragraph(next, 120)}\n`);
  }
  const serviceList = Array.from({ length: services }, (_, s) => `service-${s}`).join(', ');
  const writes = [];
  for (let l = 0; l < locations; l++) {
    const [town, state, zip, area, lat, lon] = TOWNS[l % TOWNS.length];
    const number = 100 + Math.floor(l / TOWNS.length);
    writes.push(writeFile(path.join(dataDir, 'locations', `clinic-${l}.yaml`), [
      `name: Bench Physio ${town} ${number}`,
      `slug: clinic-${l}`,
      `description: Clinic ${l} of Bench Physio, at ${number} Main Street in ${town}.`,
      'address:',
      `  streetAddress: ${number} Main Street`,
      `  addressLocality: ${town}`,
      `  addressRegion: ${state}`,
      `  postalCode: "${zip}"`,
      '  addressCountry: US',
      `telephone: (${area}) 555-01${String(l % 100).padStart(2, '0')}`,
      `geo: { latitude: ${(lat + (next() - 0.5) / 50).toFixed(5)}, longitude: ${(lon + (next() - 0.5) / 50).toFixed(5)} }`,
      'openingHours:',
      '  - { days: Monday-Friday, opens: "07:30", closes: "12:00" }',
      '  - { days: Monday-Friday, opens: "13:00", closes: "18:00" }',
      `  - { days: Saturday, opens: "0${8 + (l % 2)}:00", closes: "12:00" }`,
      `services: [${serviceList}]`,
      `isAcceptingNewPatients: ${l % 3 !== 0}`,
      '',
    ].join('\n')));
    if (writes.length >= 500) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
}

/**
 * This process's peak resident memory, in MB. On Linux, VmHWM: getrusage's maxRSS keeps the peak of the process
 * before exec, that is of the orchestrator that spawned it (after removing 1.1 million files, 1.4 GB), and
 * reported it as the build's.
 */
function peakRssMb() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS / 1024;
}

// ---- the orchestrator ----
const run = (mode, args) => JSON.parse(execFileSync(process.execPath, [SCRIPT, '--child', mode, ...args], { maxBuffer: 16 << 20 }).toString().trim().split('\n').at(-1));
async function folderBytes(dir) {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  return total;
}
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

const locations = Number(values.locations);
const services = Number(values.services);
const work = path.join(values.dir, `clinic-seo-bench-${locations}x${services}`);
const dataDir = path.join(work, 'data');
const outDir = path.join(work, 'dist');
await rm(work, { recursive: true, force: true });
console.log(`Generating ${locations} locations x ${services} services into ${dataDir} ...`);
await generate(dataDir, locations, services);
if (values['generate-only']) process.exit(0);

const threadArgs = [...(values.threads ? ['--threads', values.threads] : []), ...(values['load-threads'] ? ['--load-threads', values['load-threads']] : [])];
// With --repeat N, the fresh build and the floor each run N times, alternately, and the medians are compared:
// writing to tmpfs varies from run to run by as much as 2x on this kind of machine.
const repeat = Math.max(1, Number(values.repeat));
const builds = [];
const floors = [];
for (let round = 0; round < repeat; round++) {
  await rm(outDir, { recursive: true, force: true });
  builds.push(run('build', ['--data', dataDir, '--out', outDir, ...threadArgs]));
  if (!values['no-baseline']) {
    const floorDir = path.join(work, 'floor');
    floors.push(run('baseline', ['--data', outDir, '--out', floorDir]));
    await rm(floorDir, { recursive: true, force: true });
  }
}
const median = (runs) => [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)];
const build = median(builds);
const bytes = await folderBytes(outDir);
console.log(`\nfull build: ${build.pages} pages on ${build.threads} thread(s)${repeat > 1 ? ` (median of ${repeat}: ${builds.map((entry) => seconds(entry.wallMs)).join(', ')})` : ''}`);
console.log(`  wall ${seconds(build.wallMs)}, ${Math.round(build.pages / (build.wallMs / 1000))} pages/s, CPU ${seconds(build.cpuMs)}, peak RSS ${Math.round(build.rssMb)} MiB (highest of all runs ${Math.round(Math.max(...builds.map((entry) => entry.rssMb)))} MiB), output ${(bytes / 1e6).toFixed(1)} MB`);
console.log(`  stages (wall): load+validate ${seconds(build.stages.load)}, plan+render+write ${seconds(build.stages.renderWall)}, sitemap ${seconds(build.stages.sitemap)}, commit ${seconds(build.stages.commit)}`);
console.log(`  inside plan+render+write (CPU summed over threads): plan ${seconds(build.stages.plan)}, render ${seconds(build.stages.render)}, write ${seconds(build.stages.write)}`);

if (floors.length > 0) {
  const floor = median(floors);
  console.log(`\nfloor (same ${floor.files} files' bytes written from memory, no rendering)${repeat > 1 ? ` (median of ${repeat}: ${floors.map((entry) => seconds(entry.wallMs)).join(', ')})` : ''}: wall ${seconds(floor.wallMs)}, CPU ${seconds(floor.cpuMs)}, peak RSS ${Math.round(floor.rssMb)} MiB`);
  // The floor is the noisier of the two (see the README): show the ratio to the fastest floor too, and say when
  // the floors of one run disagree.
  const fastest = Math.min(...floors.map((entry) => entry.wallMs));
  const slowest = Math.max(...floors.map((entry) => entry.wallMs));
  console.log(`  ratio to floor: ${(build.wallMs / floor.wallMs).toFixed(2)}x${floors.length > 1 ? ` (${(build.wallMs / fastest).toFixed(2)}x against the fastest floor, ${seconds(fastest)})` : ''}`);
  if (slowest > fastest * 1.25) {
    console.log(`  the floors differ by ${Math.round((slowest / fastest - 1) * 100)}%: writes were noisy in this run; empty ${values.dir} of other outputs and run again before trusting the ratio`);
  }
}

if (!values['no-rebuild']) {
  const again = run('build', ['--data', dataDir, '--out', outDir, ...threadArgs]);
  console.log(`\nrebuild, no change: wall ${seconds(again.wallMs)} (${Math.round((again.wallMs / build.wallMs) * 100)}% of the full build), ${again.written} pages written, ${again.unchanged} unchanged, ${again.removed} removed, peak RSS ${Math.round(again.rssMb)} MiB`);
  const changed = path.join(dataDir, 'locations', 'clinic-0.yaml');
  await writeFile(changed, (await readFile(changed, 'utf8')).replace('closes: "18:00"', 'closes: "18:30"'));
  const sitemapsBefore = await sitemapHashes(outDir);
  // A day later, so the changed pages get a new lastmod and the sitemap file holding them changes.
  const one = run('build', ['--data', dataDir, '--out', outDir, '--now', '2026-11-28', ...threadArgs]);
  const sitemapsAfter = await sitemapHashes(outDir);
  const rewrittenSitemaps = [...sitemapsAfter].filter(([file, hash]) => sitemapsBefore.get(file) !== hash).map(([file]) => file);
  console.log(`rebuild, one location's hours changed: wall ${seconds(one.wallMs)}, ${one.written} pages written, ${one.unchanged} unchanged, ${one.removed} removed, peak RSS ${Math.round(one.rssMb)} MiB; load+validate ${seconds(one.stages.load)} (${one.reusedLocations} location files taken from the last build's store); sitemap files rewritten: ${rewrittenSitemaps.join(', ') || 'none'}`);
}
if (!values.keep) await rm(work, { recursive: true, force: true });

async function sitemapHashes(dir) {
  const { createHash } = await import('node:crypto');
  const result = new Map();
  for (const name of await readdir(dir)) if (/^sitemap.*\.xml$/.test(name)) result.set(name, createHash('sha256').update(await readFile(path.join(dir, name))).digest('hex'));
  return result;
}
