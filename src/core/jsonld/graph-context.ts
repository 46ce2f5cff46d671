import type { SiteIndex } from '../site-model.js';
import { absoluteUrl, entityIds, type EntityIds, type Route } from '../urls.js';

/** What every JSON-LD builder needs: the site model, its @id factory and its URL maker. */
export interface GraphContext {
  site: SiteIndex;
  ids: EntityIds;
  url: (route: Route) => string;
}

/** A graph node: a schema-dts type (never the bare-string form) that always has an @id. */
export type GraphNode<T> = Exclude<T, string> & { '@id': string };

export function graphContext(site: SiteIndex): GraphContext {
  return { site, ids: entityIds(site.baseUrl), url: (route) => absoluteUrl(site.baseUrl, route) };
}

/** A property only when it has a value, so nodes never carry `undefined` or empty lists. */
export function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return {};
  return { [key]: value } as Record<K, V>;
}
