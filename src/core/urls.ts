/**
 * The one URL and @id policy of the site. Every route ends in `/` (or is a file such as `/404.html`),
 * and every entity's @id hangs off the canonical URL of the page that describes it, so the same
 * entity has the same @id on every page.
 */

/** A site-relative route such as `/locations/kearney/`. */
export type Route = string;

export const routes = {
  home: (): Route => '/',
  location: (location: string): Route => `/locations/${location}/`,
  service: (service: string): Route => `/services/${service}/`,
  locationService: (location: string, service: string): Route => `/locations/${location}/${service}/`,
  condition: (condition: string): Route => `/conditions/${condition}/`,
  /** A directory page of the locations in one region, e.g. `/regions/us-ne/` (only for large chains). */
  region: (region: string): Route => `/regions/${region}/`,
  notFound: (): Route => '/404.html',
};

/** The base URL without a trailing slash: `https://example.com` or `https://example.com/clinic`. */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** The absolute URL of a route. */
export function absoluteUrl(baseUrl: string, route: Route): string {
  return normalizeBaseUrl(baseUrl) + route;
}

const basePaths = new Map<string, string>();

/** The href used in links: the route under the base URL's path, so sites served from a sub-folder work. */
export function siteHref(baseUrl: string, route: Route): string {
  let basePath = basePaths.get(baseUrl);
  if (basePath === undefined) {
    // Parsed once per base URL: links are made hundreds of times per page.
    basePath = new URL(normalizeBaseUrl(baseUrl)).pathname.replace(/\/+$/, '');
    basePaths.set(baseUrl, basePath);
  }
  return basePath + route;
}

/** The file a route is written to, relative to the output folder. */
export function outputFileFor(route: Route): string {
  const relative = route.replace(/^\/+/, '');
  return relative === '' || relative.endsWith('/') ? `${relative}index.html` : relative;
}

/** A reference to a node by its @id. */
export function idRef(id: string): { '@id': string } {
  return { '@id': id };
}

/** The @ids of every entity kind. Built from absolute URLs only. */
export function entityIds(baseUrl: string) {
  const url = (route: Route) => absoluteUrl(baseUrl, route);
  return {
    organization: `${url(routes.home())}#organization`,
    website: `${url(routes.home())}#website`,
    clinic: (location: string) => `${url(routes.location(location))}#clinic`,
    therapy: (service: string) => `${url(routes.service(service))}#therapy`,
    condition: (condition: string) => `${url(routes.condition(condition))}#condition`,
    webPage: (route: Route) => `${url(route)}#webpage`,
    breadcrumb: (route: Route) => `${url(route)}#breadcrumb`,
  };
}

/** The @id factory for one site. */
export type EntityIds = ReturnType<typeof entityIds>;

/** A Google Maps search link (no API key): coordinates when known, otherwise the address text. */
export function mapSearchUrl(query: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(query)}`;
}
