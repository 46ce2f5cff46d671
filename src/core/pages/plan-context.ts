import { graphContext, type GraphContext } from '../jsonld/graph-context.js';
import type { ConditionModel, LocationModel, ServiceModel, SiteModel } from '../site-model.js';
import { siteHref, type Route } from '../urls.js';
import type { LinkView } from './page-model.js';
import { regionsOf, type Region } from './plan-region.js';

/** What planners share: the graph context, lookups by slug, and link makers. */
export interface PlanContext extends GraphContext {
  location: (slug: string) => LocationModel;
  service: (slug: string) => ServiceModel;
  condition: (slug: string) => ConditionModel;
  href: (route: Route) => string;
  link: (name: string, route: Route) => LinkView;
  /** The region directory (empty for small sites), computed once. */
  regions: () => Region[];
}

export function planContext(site: SiteModel): PlanContext {
  const lookup = <T extends { slug: string }>(items: T[], kind: string) => {
    const bySlug = new Map(items.map((item) => [item.slug, item]));
    return (slug: string): T => {
      const item = bySlug.get(slug);
      // Validation resolves every reference first, so a miss here is a bug, not bad data.
      if (!item) throw new Error(`unknown ${kind} "${slug}"`);
      return item;
    };
  };
  const href = (route: Route) => siteHref(site.baseUrl, route);
  let regions: Region[] | undefined;
  return {
    ...graphContext(site),
    location: lookup(site.locations, 'location'),
    service: lookup(site.services, 'service'),
    condition: lookup(site.conditions, 'condition'),
    href,
    link: (name, route) => ({ name, href: href(route) }),
    regions: () => (regions ??= regionsOf(site)),
  };
}

/** An absolute URL on this site as a link that works wherever the site is previewed; other URLs unchanged. */
export function localHref(context: PlanContext, url: string): string {
  const base = context.site.baseUrl;
  return url.startsWith(`${base}/`) ? context.href(url.slice(base.length)) : url;
}
