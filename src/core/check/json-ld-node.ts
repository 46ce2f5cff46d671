/** A JSON-LD node as found on a page. */
export type JsonLdNode = Record<string, unknown>;

/** Types of a node as a list. */
export function typesOf(node: JsonLdNode): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : type === undefined ? [] : [type]).filter((item): item is string => typeof item === 'string');
}

/** A value as a list. */
export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}
