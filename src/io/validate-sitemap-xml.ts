import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

const require = createRequire(import.meta.url);
/** The sitemaps.org urlset schema, as shipped by the `sitemap` package. */
const URLSET_XSD = require.resolve('sitemap/package.json').replace(/package\.json$/, 'schema/sitemap.xsd');
/** The sitemap index schema, written for clinic-seo from the protocol (vocab/siteindex.xsd). */
const INDEX_XSD = fileURLToPath(new URL('../../vocab/siteindex.xsd', import.meta.url));

const schemas = new Map<string, Promise<string>>();
const schemaText = (file: string) => {
  if (!schemas.has(file)) schemas.set(file, readFile(file, 'utf8'));
  return schemas.get(file)!;
};

/** Validate a sitemap or sitemap index against the sitemaps.org XSD (libxml2 compiled to WebAssembly, offline). */
export async function validateSitemapXml(fileName: string, xml: string): Promise<string[]> {
  const isIndex = /<sitemapindex[\s>]/.test(xml);
  const schema = await schemaText(isIndex ? INDEX_XSD : URLSET_XSD);
  const result = await validateXML({ xml: [{ fileName, contents: xml }], schema: [schema], initialMemoryPages: 256, maxMemoryPages: 32768 });
  return result.errors.map((error) => (error.loc ? `line ${error.loc.lineNumber}: ${error.message.trim()}` : error.message.trim()));
}
