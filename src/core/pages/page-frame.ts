import { assembleGraph, type NodeWithId } from '../jsonld/assemble-graph.js';
import { buildBreadcrumbList, type Crumb } from '../jsonld/breadcrumb-list.js';
import { serializeGraph } from '../jsonld/serialize-json-ld.js';
import { buildWebPage, type WebPageFacts } from '../jsonld/web-page.js';
import type { LocationModel } from '../site-model.js';
import type { Phone } from '../phone.js';
import { outputFileFor, routes } from '../urls.js';
import type { LocationCardView, PageView, PhoneView, PlannedPage, SiteWideView, TemplateName } from './page-model.js';
import type { PlanContext } from './plan-context.js';

/** What a planner decides about one page; the frame adds what every page has. */
export interface PageSpec extends WebPageFacts {
  template: TemplateName;
  /** The trail after Home; Home is added here. */
  trail: Crumb[];
  /** Entity nodes this page describes (the site-level nodes are added here). */
  nodes: NodeWithId[];
  content: Record<string, unknown>;
  image?: string;
}

/** Wrap a planner's page spec with the layout view, breadcrumbs and the site-level graph nodes. */
export function framePage(context: PlanContext, spec: PageSpec): PlannedPage {
  const { site, url } = context;
  const { href } = context;
  const trail: Crumb[] = [{ name: 'Home', route: routes.home() }, ...spec.trail];
  const indexable = spec.indexable ?? true;
  // A page kept out of the index (the 404 page, served at any missing address) names no canonical address and
  // has no breadcrumb trail in its markup: both would point search engines at it.
  const graph = assembleGraph([
    ...context.siteNodes(),
    buildWebPage(context, spec),
    ...(indexable ? [buildBreadcrumbList(context, spec.route, trail)] : []),
    ...spec.nodes,
  ]);
  const siteWide = siteWideView(context);
  const view: PageView = {
    lang: site.language,
    title: spec.title,
    description: spec.description,
    ...(indexable ? { canonical: url(spec.route) } : {}),
    robots: indexable ? 'index, follow' : 'noindex, follow',
    // Clinic, service and condition pages are not articles: Open Graph's generic type fits every page.
    og: { type: 'website', locale: site.ogLocale, siteName: site.name, ...(spec.image ? { image: spec.image } : {}) },
    twitterCard: spec.image ? 'summary_large_image' : 'summary',
    jsonLd: serializeGraph(graph, context.serialized),
    assets: { stylesheet: href('/assets/style.css'), icon: href('/assets/icon.svg') },
    ...siteWide,
    siteWide,
    breadcrumbs: trail.map((crumb, index) => ({
      name: crumb.name,
      href: href(crumb.route),
      ...(index === trail.length - 1 ? { current: true } : {}),
    })),
    content: spec.content,
  };
  return {
    route: spec.route,
    url: url(spec.route),
    file: outputFileFor(spec.route),
    template: spec.template,
    indexable,
    title: spec.title,
    description: spec.description,
    graph,
    view,
  };
}

/** The parts of every page's view that are the same on every page, made once per context. */
const siteWideViews = new WeakMap<PlanContext, SiteWideView>();

/**
 * The header's and the footer's view: one object for every page, so the partials given only it are rendered
 * once per build (see memoizedPartial).
 */
function siteWideView(context: PlanContext): SiteWideView {
  let view = siteWideViews.get(context);
  if (view) return view;
  const { site, href } = context;
  view = {
    site: {
      name: site.name,
      homeHref: href(routes.home()),
      ...(site.organization.telephone ? { phone: phoneView(site.organization.telephone) } : {}),
    },
    // Links to the home page's sections, only for sections the home page has.
    nav: [
      { name: 'Locations', href: `${href(routes.home())}#locations`, show: true },
      { name: 'Services', href: `${href(routes.home())}#services`, show: site.services.length > 0 },
      { name: 'Conditions', href: `${href(routes.home())}#conditions`, show: site.conditions.length > 0 },
    ]
      .filter((item) => item.show)
      .map(({ name, href: link }) => ({ name, href: link })),
    footer: {
      organization: site.organization.name,
      // A short list only: a footer that grows with the chain would put every location on every page.
      locations: context.footerLocations(),
      services: site.services.map((service) => ({ name: service.name, href: href(routes.service(service.slug)) })),
    },
  };
  siteWideViews.set(context, view);
  return view;
}

/** A phone number as templates show and dial it. */
export function phoneView(phone: Phone): PhoneView {
  // RFC 3966: a phone dials the extension after the number.
  return { national: phone.national, international: phone.international, href: `tel:${phone.e164}${phone.extension ? `;ext=${phone.extension}` : ''}` };
}

/** The last location card made in each context: pages are planned location by location. */
const lastCards = new WeakMap<PlanContext, { location: LocationModel; card: LocationCardView }>();

/**
 * A location's NAP block, with the same values its MedicalClinic node carries. Consecutive pages of one location
 * get the same object, so the partials showing it are rendered once per location (see memoizedPartial).
 */
export function locationCard(context: PlanContext, location: LocationModel): LocationCardView {
  const last = lastCards.get(context);
  if (last?.location === location) return last.card;
  const card = makeLocationCard(context, location);
  lastCards.set(context, { location, card });
  return card;
}

function makeLocationCard(context: PlanContext, location: LocationModel): LocationCardView {
  const { address } = location;
  return {
    slug: location.slug,
    name: location.name,
    href: context.href(routes.location(location.slug)),
    ...(address.streetAddress ? { streetAddress: address.streetAddress } : {}),
    addressLocality: address.addressLocality,
    addressRegion: address.addressRegion,
    ...(address.postalCode ? { postalCode: address.postalCode } : {}),
    addressCountry: address.addressCountry,
    phone: phoneView(location.telephone),
    mapUrl: location.mapUrl,
    hours: location.hoursTable,
    specialHours: location.specialHoursRows,
    ...(location.isAcceptingNewPatients !== undefined ? { isAcceptingNewPatients: location.isAcceptingNewPatients } : {}),
  };
}
