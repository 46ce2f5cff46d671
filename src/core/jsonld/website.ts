import type { WebSite } from 'schema-dts';
import { idRef, routes } from '../urls.js';
import type { GraphContext, GraphNode } from './graph-context.js';

/** The site itself, published by the organization. */
export function buildWebSite({ site, ids, url }: GraphContext): GraphNode<WebSite> {
  return {
    '@type': 'WebSite',
    '@id': ids.website,
    name: site.name,
    url: url(routes.home()),
    inLanguage: site.language,
    publisher: idRef(ids.organization),
  };
}
