#!/usr/bin/env node
// Derives a compact schema.org vocabulary from the pinned schema-dts type definitions (which Google generates
// from schema.org), so `clinic-seo check` knows every type, property, range and enumeration offline.
// Run `npm run vocabulary` after upgrading schema-dts; a test fails while vocab/schema-vocabulary.json is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const require = createRequire(import.meta.url);
export const OUTPUT = fileURLToPath(new URL('../vocab/schema-vocabulary.json', import.meta.url));

/** Pending terms of schema.org that `check` reports as notes. schema-dts does not mark them, so they are listed
 * here; a test checks every one against the official release where ../shared is present. */
const PENDING = [
  'isAcceptingNewPatients', 'healthPlanNetworkId', 'healthPlanNetworkTier', 'hasDriveThroughService', 'knowsAbout',
  'knowsLanguage', 'hasCredential', 'hasHealthAspect', 'usNPI', 'hasMerchantReturnPolicy', 'MerchantReturnPolicy',
  'HealthPlanNetwork', 'HealthInsurancePlan', 'HealthTopicContent', 'OnlineBusiness', 'Certification',
  'EducationalOccupationalCredential', 'includesHealthPlanNetwork', 'associatedReview', 'certificationRating',
];

export function generateVocabulary() {
  const dtsPath = require.resolve('schema-dts').replace(/schema\.js$/, 'schema.d.ts');
  const version = JSON.parse(readFileSync(path.join(path.dirname(dtsPath), '../package.json'), 'utf8')).version;
  const source = ts.createSourceFile('schema.d.ts', readFileSync(dtsPath, 'utf8'), ts.ScriptTarget.Latest, false);

  const bases = {}; // XBase -> { extends: [...], properties: [...] }
  const leaves = {}; // class -> the Base interface its leaf extends
  const unions = {}; // type alias -> member names / string literals
  const ranges = {}; // property -> range type names

  const typeNames = (node) => {
    if (ts.isUnionTypeNode(node)) return node.types.flatMap(typeNames);
    if (ts.isTypeReferenceNode(node)) return [node.typeName.getText(source)];
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return [`"${node.literal.text}`];
    return [];
  };

  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      const name = statement.name.text;
      const heritage = (statement.heritageClauses ?? []).flatMap((clause) => clause.types.map((type) => type.expression.getText(source)));
      const typeMember = statement.members.find((member) => member.name?.getText(source) === '"@type"');
      if (name.endsWith('Leaf') && typeMember && ts.isPropertySignature(typeMember) && typeMember.type && ts.isLiteralTypeNode(typeMember.type)) {
        leaves[typeMember.type.literal.text] = heritage[0];
      } else if (name.endsWith('Base')) {
        const properties = [];
        for (const member of statement.members) {
          if (!ts.isPropertySignature(member) || !member.type) continue;
          const property = member.name.getText(source).replace(/^"|"$/g, '');
          if (property.startsWith('@')) continue;
          properties.push(property);
          const argument = ts.isTypeReferenceNode(member.type) ? member.type.typeArguments?.[0] : undefined;
          const range = argument ? typeNames(argument).filter((type) => type !== 'IdReference') : [];
          ranges[property] = [...new Set([...(ranges[property] ?? []), ...range])].sort();
        }
        bases[name] = { extends: heritage, properties: properties.sort() };
      }
    } else if (ts.isTypeAliasDeclaration(statement) && !statement.typeParameters) {
      unions[statement.name.text] = typeNames(statement.type);
    }
  }

  const classes = {};
  for (const [name, base] of Object.entries(leaves).sort(([a], [b]) => a.localeCompare(b))) {
    classes[name] = { base, parents: [] };
  }
  for (const [name, members] of Object.entries(unions)) {
    if (!classes[name]) continue;
    for (const member of members) if (classes[member] && member !== name) classes[member].parents.push(name);
  }
  for (const entry of Object.values(classes)) entry.parents.sort();

  const enumerations = {};
  for (const [name, members] of Object.entries(unions)) {
    const values = members.filter((member) => member.startsWith('"https://schema.org/')).map((member) => member.slice('"https://schema.org/'.length));
    if (values.length > 0) enumerations[name] = [...new Set(values)].sort();
  }

  const dataTypes = ['Boolean', 'Date', 'DateTime', 'Number', 'Float', 'Integer', 'Text', 'URL', 'Time', 'CssSelectorType', 'XPathType', 'PronounceableText'];
  const sortedObject = (object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
  return {
    source: `schema-dts@${version}`,
    classes,
    bases: sortedObject(bases),
    properties: sortedObject(ranges),
    enumerations: sortedObject(enumerations),
    dataTypes,
    pending: [...PENDING].sort(),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  writeFileSync(OUTPUT, `${JSON.stringify(generateVocabulary())}\n`);
  console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
}
