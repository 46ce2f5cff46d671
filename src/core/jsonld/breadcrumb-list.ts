import type { BreadcrumbList } from 'schema-dts';
import type { Route } from '../urls.js';
import type { GraphContext, GraphNode } from './graph-context.js';

/** One step of a page's breadcrumb trail. */
export interface Crumb {
  name: string;
  route: Route;
}

/** The trail from the home page to this page, the same trail the page shows. */
export function buildBreadcrumbList({ ids, url }: GraphContext, route: Route, trail: Crumb[]): GraphNode<BreadcrumbList> {
  return {
    '@type': 'BreadcrumbList',
    '@id': ids.breadcrumb(route),
    itemListElement: trail.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: url(crumb.route),
    })),
  };
}
