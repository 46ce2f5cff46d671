/** Any graph node: builders return precise schema-dts types; the graph only needs the @id. */
export interface NodeWithId {
  '@id': string;
}

/** The JSON-LD document of one page. */
export interface JsonLdGraph {
  '@context': 'https://schema.org';
  '@graph': NodeWithId[];
}

/**
 * The page's graph: nodes deduplicated by @id (the same entity is built once per page) and sorted by
 * @id, so two builds of the same data give the same bytes.
 */
export function assembleGraph(nodes: readonly NodeWithId[]): JsonLdGraph {
  const byId = new Map<string, NodeWithId>();
  for (const node of nodes) if (!byId.has(node['@id'])) byId.set(node['@id'], node);
  const graph = [...byId.values()].sort((a, b) => (a['@id'] < b['@id'] ? -1 : a['@id'] > b['@id'] ? 1 : 0));
  return { '@context': 'https://schema.org', '@graph': graph };
}
