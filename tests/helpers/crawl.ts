import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { listFiles } from './build.js';

/** A JSON-LD node as parsed from a page. */
export type JsonNode = Record<string, unknown> & { '@id': string; '@type': string | string[] };

/** One HTML page read back as a crawler would: parsed HTML and parsed JSON-LD. */
export interface CrawledPage {
  file: string;
  /** Absolute URL, from the site's base URL and the file path. */
  url: string;
  html: string;
  $: cheerio.CheerioAPI;
  scripts: string[];
  graph: JsonNode[];
  byId: Map<string, JsonNode>;
}

/** A built site read back: every HTML page, the sitemap and robots.txt. */
export interface CrawledSite {
  outDir: string;
  baseUrl: string;
  files: string[];
  pages: CrawledPage[];
  page(file: string): CrawledPage;
  read(file: string): Promise<string>;
}

/** `locations/kearney/index.html` -> `https://base/locations/kearney/` */
export function urlOfFile(baseUrl: string, file: string): string {
  return `${baseUrl}/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

export async function crawl(outDir: string, baseUrl: string): Promise<CrawledSite> {
  const files = await listFiles(outDir);
  const pages = await Promise.all(
    files
      .filter((file) => file.endsWith('.html'))
      .map(async (file): Promise<CrawledPage> => {
        const html = await readFile(path.join(outDir, file), 'utf8');
        const $ = cheerio.load(html);
        const scripts = $('script[type="application/ld+json"]')
          .toArray()
          .map((element) => $(element).text());
        const graph = scripts.flatMap((text) => (JSON.parse(text) as { '@graph': JsonNode[] })['@graph']);
        return { file, url: urlOfFile(baseUrl, file), html, $, scripts, graph, byId: new Map(graph.map((node) => [node['@id'], node])) };
      }),
  );
  return {
    outDir,
    baseUrl,
    files,
    pages,
    page: (file) => {
      const found = pages.find((page) => page.file === file);
      if (!found) throw new Error(`no page ${file}; pages: ${pages.map((page) => page.file).join(', ')}`);
      return found;
    },
    read: (file) => readFile(path.join(outDir, file), 'utf8'),
  };
}

/** Types of a node as a list. */
export function typesOf(node: JsonNode): string[] {
  return Array.isArray(node['@type']) ? node['@type'] : [node['@type']];
}

/** Every `{"@id": ...}` reference inside a node (not the node's own @id). */
export function referencesIn(value: unknown, isRoot = true): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => referencesIn(item, false));
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  const own = !isRoot && typeof object['@id'] === 'string' && Object.keys(object).length === 1 ? [object['@id']] : [];
  return [...own, ...Object.entries(object).flatMap(([key, child]) => (key === '@id' ? [] : referencesIn(child, false)))];
}

/** Normalize visible text: collapse white space. */
export function visibleText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
