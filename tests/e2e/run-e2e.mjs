#!/usr/bin/env node
// Independent validators on real builds (not our own code judging itself). Needs Java and Chromium:
//   apt-get install -y default-jre-headless chromium libxml2-utils
// Builds the default data and the multi-location fixture for a local server, then runs the W3C Nu Html
// Checker, xmllint against the sitemaps.org XSDs, the jsonld processor (expansion with an offline context,
// in safe mode so no term may be dropped), Lighthouse on four pages each, and linkinator over the served site.
import { execFile as execFileCallback, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFile = promisify(execFileCallback);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = path.resolve(ROOT, '../shared');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = '--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync';
const LIGHTHOUSE_MIN = { seo: 1, accessibility: 0.95, 'best-practices': 0.95 };
const results = [];

function record(name, ok, detail) {
  results.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Serve a folder on 127.0.0.1 like a static host: index.html for folders, 404.html for misses. */
function serve(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml', '.txt': 'text/plain' };
  const server = createServer(async (request, response) => {
    let file = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (file.endsWith('/')) file += 'index.html';
    const target = path.join(dir, path.normalize(file));
    try {
      if (!target.startsWith(dir)) throw new Error('outside');
      const body = await readFile(target);
      response.writeHead(200, { 'content-type': types[path.extname(target)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': types['.html'] });
      response.end(await readFile(path.join(dir, '404.html')).catch(() => 'Not found'));
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function build(data, out, baseUrl) {
  await rm(out, { recursive: true, force: true });
  await execFile(process.execPath, [path.join(ROOT, 'bin/clinic-seo.js'), 'build', '--data', data, '--out', out, '--base-url', baseUrl]);
}

async function nuChecker(label, dir) {
  const jar = path.join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
  const { stdout, stderr } = await execFile('java', ['-jar', jar, '--errors-only', '--format', 'json', '--skip-non-html', dir], { maxBuffer: 64 << 20 }).catch((error) => error);
  const messages = JSON.parse(stdout || stderr || '{"messages":[]}').messages.filter((message) => message.type === 'error');
  const pages = (await listFiles(dir)).filter((file) => file.endsWith('.html')).length;
  record(`${label}: Nu Html Checker, ${pages} pages`, pages > 0 && messages.length === 0, `${messages.length} errors${messages.slice(0, 5).map((m) => `\n    ${m.url}: ${m.message}`).join('')}`);
}

/** The HTML report of `check` is valid HTML too (a search preview once was not). */
async function reportHtml(label, site, reportDir) {
  await execFile(process.execPath, [path.join(ROOT, 'bin/clinic-seo.js'), 'check', site, '--report', reportDir]).catch((error) => {
    if (error.code !== 1) throw error; // 1: check found errors, which the report shows
  });
  await nuChecker(`${label} check report`, reportDir);
}

async function sitemapXsd(label, dir) {
  const urlset = existsSync(path.join(SHARED, 'sitemaps-xsd/sitemap.xsd')) ? path.join(SHARED, 'sitemaps-xsd/sitemap.xsd') : path.join(ROOT, 'node_modules/sitemap/schema/sitemap.xsd');
  const index = existsSync(path.join(SHARED, 'sitemaps-xsd/siteindex.xsd')) ? path.join(SHARED, 'sitemaps-xsd/siteindex.xsd') : path.join(ROOT, 'vocab/siteindex.xsd');
  for (const file of (await listFiles(dir)).filter((name) => name.endsWith('.xml'))) {
    const schema = readFileSync(file, 'utf8').includes('<sitemapindex') ? index : urlset;
    const result = await execFile('xmllint', ['--noout', '--schema', schema, file]).then(() => ({ ok: true, detail: 'valid' }), (error) => ({ ok: false, detail: error.stderr }));
    record(`${label}: xmllint ${path.basename(file)} against ${path.relative(path.dirname(ROOT), schema)}`, result.ok, result.detail.trim());
  }
}

async function jsonLdExpansion(label, dir) {
  const contextFile = path.join(SHARED, 'schemaorg/schemaorgcontext.jsonld');
  if (!existsSync(contextFile)) {
    console.log(`SKIP ${label}: jsonld expansion (no offline schema.org context: ../shared/schemaorg is absent)`);
    return;
  }
  const jsonld = (await import('jsonld')).default;
  const context = JSON.parse(readFileSync(contextFile, 'utf8'));
  const documentLoader = async (url) => {
    if (/^https?:\/\/schema\.org\/?$/.test(url)) return { contextUrl: null, documentUrl: url, document: context };
    throw new Error(`offline: refusing to load ${url}`);
  };
  let blocks = 0;
  const failures = [];
  for (const file of (await listFiles(dir)).filter((name) => name.endsWith('.html'))) {
    const html = readFileSync(file, 'utf8');
    for (const match of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
      blocks++;
      try {
        // Safe mode throws on any term or value that expansion would drop.
        await jsonld.expand(JSON.parse(match[1]), { documentLoader, safe: true });
      } catch (error) {
        failures.push(`${path.relative(dir, file)}: ${error.message}${error.details?.event ? ` ${JSON.stringify(error.details.event.details ?? {})}` : ''}`);
      }
    }
  }
  record(`${label}: jsonld expansion of ${blocks} blocks with no dropped terms`, failures.length === 0, failures.slice(0, 5).join('\n    '));
}

async function lighthouse(label, baseUrl, pages) {
  for (const page of pages) {
    const output = path.join(tmpdir(), `lighthouse-${process.pid}-${results.length}.json`);
    const args = [path.join(ROOT, 'node_modules/lighthouse/cli/index.js'), `${baseUrl}${page}`, '--quiet', '--output=json', `--output-path=${output}`,
      '--only-categories=seo,accessibility,best-practices', `--chrome-flags=${CHROME_FLAGS} --user-data-dir=${path.join(tmpdir(), `lh-profile-${process.pid}`)}`,
      '--screenEmulation.disabled', '--form-factor=desktop', '--throttling-method=provided'];
    const run = await execFile(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 << 20 }).then(() => null, (error) => error);
    if (run) {
      record(`${label}: Lighthouse ${page}`, false, run.stderr?.slice(-500));
      continue;
    }
    const report = JSON.parse(readFileSync(output, 'utf8'));
    const scores = Object.fromEntries(Object.keys(LIGHTHOUSE_MIN).map((category) => [category, report.categories[category].score]));
    const failing = Object.entries(report.audits)
      .filter(([, audit]) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual')
      .map(([id]) => id);
    const ok = Object.entries(LIGHTHOUSE_MIN).every(([category, min]) => scores[category] >= min);
    record(`${label}: Lighthouse ${page}`, ok, `SEO ${scores.seo * 100}, accessibility ${scores.accessibility * 100}, best practices ${scores['best-practices'] * 100}${failing.length ? `; below full marks: ${failing.join(', ')}` : ''}`);
  }
}

async function linkinator(label, baseUrl) {
  const { LinkChecker } = await import('linkinator');
  const checker = new LinkChecker();
  const result = await checker.check({ path: `${baseUrl}/`, recurse: true, linksToSkip: [`^(?!${baseUrl.replace(/[.]/g, '\\.')})`], concurrency: 10 });
  const broken = result.links.filter((link) => link.state === 'BROKEN');
  const checked = result.links.filter((link) => link.state === 'OK').length;
  record(`${label}: linkinator crawl of the served site, ${checked} links`, broken.length === 0, `${broken.length} broken${broken.slice(0, 5).map((link) => `\n    ${link.url} (from ${link.parent})`).join('')}`);
}

const work = await mkdtemp(path.join(tmpdir(), 'clinic-seo-e2e-'));
const sites = [
  { label: 'default', data: path.join(ROOT, 'data'), pages: ['/', '/locations/kearney/', '/services/dry-needling/', '/conditions/back-pain/'] },
  { label: 'multi-location', data: path.join(ROOT, 'tests/fixtures/multi-location'), pages: ['/', '/locations/omaha/', '/services/physical-therapy/', '/conditions/tennis-elbow/'] },
];
try {
  for (const site of sites) {
    const out = path.join(work, site.label);
    const server = await serve(out);
    const baseUrl = `http://127.0.0.1:${server.address().port}`;
    await build(site.data, out, baseUrl);
    await nuChecker(site.label, out);
    await reportHtml(site.label, out, path.join(work, `${site.label}-report`));
    await sitemapXsd(site.label, out);
    await jsonLdExpansion(site.label, out);
    await lighthouse(site.label, baseUrl, site.pages);
    await linkinator(site.label, baseUrl);
    server.close();
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
const failed = results.filter((result) => !result.ok).length;
console.log(`\n${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
