import type { NodeWithId } from '../jsonld/assemble-graph.js';
import { graphContext, type GraphContext } from '../jsonld/graph-context.js';
import { buildMedicalClinic } from '../jsonld/medical-clinic.js';
import { buildMedicalCondition } from '../jsonld/medical-condition.js';
import { buildTherapy } from '../jsonld/medical-therapy.js';
import { buildOrganization } from '../jsonld/organization.js';
import { serializeJsonLd } from '../jsonld/serialize-json-ld.js';
import { buildWebSite } from '../jsonld/website.js';
import type { ConditionModel, LocationModel, LocationSummary, ServiceModel, SiteIndex, SiteModel } from '../site-model.js';
import { routes, siteHref, type Route } from '../urls.js';
import type { LinkView } from './page-model.js';
import { regionsOf, type Region } from './plan-region.js';

/** Footers list every location up to this many; larger chains get one link to the directory. */
export const FOOTER_LOCATIONS = 12;

/** What planners share: the graph context, lookups by slug, and link makers. */
export interface PlanContext extends GraphContext {
  location: (slug: string) => LocationModel;
  /** A location's summary: enough for a link or a card line, without reading its full record. */
  locationSummary: (slug: string) => LocationSummary;
  service: (slug: string) => ServiceModel;
  condition: (slug: string) => ConditionModel;
  href: (route: Route) => string;
  link: (name: string, route: Route) => LinkView;
  /** The region directory (empty for small sites), computed once. */
  regions: () => Region[];
  /** The footer's location links, the same on every page, computed once. */
  footerLocations: () => LinkView[];
  /** Entity nodes, built once per context and shared by every page that shows them. */
  clinicNode: (location: LocationModel) => NodeWithId;
  therapyNode: (service: ServiceModel) => NodeWithId;
  conditionNode: (condition: ConditionModel) => NodeWithId;
  siteNodes: () => NodeWithId[];
  /**
   * Serialized JSON of the nodes above, made when each is built, so a node is stringified once and not once
   * per page that shows it. A page's own nodes (its WebPage, its breadcrumbs) are not kept here.
   */
  serialized: WeakMap<object, string>;
}

/**
 * What a context can take ready-made instead of working it out from `site.locations`: a render worker
 * holds only the locations it is planning, not the whole chain.
 */
export interface ContextOverrides {
  location?: (slug: string) => LocationModel;
  footerLocations?: LinkView[];
}

/**
 * The context for planning pages of `site`. A site of location summaries needs a `location` override that
 * gives full records; a full site model can look them up itself.
 */
export function planContext(site: SiteModel, overrides?: ContextOverrides): PlanContext;
export function planContext(site: SiteIndex, overrides: ContextOverrides & Required<Pick<ContextOverrides, 'location'>>): PlanContext;
export function planContext(site: SiteIndex, overrides: ContextOverrides = {}): PlanContext {
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
  const locationSummary = lookup(site.locations, 'location');
  let regions: Region[] | undefined;
  const graph = graphContext(site);
  const serialized = new WeakMap<object, string>();
  const shared = (node: NodeWithId) => {
    serialized.set(node, serializeJsonLd(node));
    return node;
  };
  const memo = <T extends { slug: string }>(build: (model: T) => NodeWithId) => {
    const cache = new Map<string, NodeWithId>();
    return (model: T) => {
      let node = cache.get(model.slug);
      if (!node) cache.set(model.slug, (node = shared(build(model))));
      return node;
    };
  };
  // Pages are planned location by location, so remembering the last clinic node is enough, and the memory
  // does not grow with the chain.
  let lastClinic: { location: LocationModel; node: NodeWithId } | undefined;
  const clinicNode = (location: LocationModel) => {
    if (lastClinic?.location !== location) lastClinic = { location, node: shared(buildMedicalClinic(graph, location)) };
    return lastClinic.node;
  };
  let footerLocations = overrides.footerLocations;
  let siteNodes: NodeWithId[] | undefined;
  return {
    ...graph,
    clinicNode,
    therapyNode: memo((service: ServiceModel) => buildTherapy(graph, service)),
    conditionNode: memo((condition: ConditionModel) => buildMedicalCondition(graph, condition)),
    siteNodes: () => (siteNodes ??= [shared(buildOrganization(graph)), shared(buildWebSite(graph))]),
    serialized,
    // Only a full site model comes without a `location` override (see the overloads).
    location: overrides.location ?? (locationSummary as (slug: string) => LocationModel),
    locationSummary,
    service: lookup(site.services, 'service'),
    condition: lookup(site.conditions, 'condition'),
    href,
    link: (name, route) => ({ name, href: href(route) }),
    regions: () => (regions ??= regionsOf(site)),
    footerLocations: () => (footerLocations ??= footerLocationLinks(site)),
  };
}

/** The footer's location links: every location of a short list, else one link to the directory. */
export function footerLocationLinks(site: SiteIndex): LinkView[] {
  const href = (route: Route) => siteHref(site.baseUrl, route);
  return site.locations.length <= FOOTER_LOCATIONS
    ? site.locations.map((location) => ({ name: `${location.name}, ${location.label}`, href: href(routes.location(location.slug)) }))
    : [{ name: `All ${site.locations.length} locations`, href: `${href(routes.home())}#locations` }];
}

/** An absolute URL on this site as a link that works wherever the site is previewed; other URLs unchanged. */
export function localHref(context: PlanContext, url: string): string {
  const base = context.site.baseUrl;
  return url.startsWith(`${base}/`) ? context.href(url.slice(base.length)) : url;
}
