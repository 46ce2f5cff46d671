import type { JsonLdGraph } from '../jsonld/assemble-graph.js';
import type { HoursRow, SpecialHoursRow } from '../hours.js';
import type { Route } from '../urls.js';

/** The templates a page can use; each is `templates/pages/<name>.hbs`. */
export type TemplateName = 'home' | 'location' | 'service' | 'location-service' | 'condition' | 'region' | '404';

/** A page ready to render: where it goes, which template, what the template sees, and its JSON-LD. */
export interface PlannedPage {
  route: Route;
  /** Absolute canonical URL. */
  url: string;
  /** Output file, relative to the output folder. */
  file: string;
  template: TemplateName;
  /** Listed in the sitemap and open to search engines. */
  indexable: boolean;
  title: string;
  description: string;
  graph: JsonLdGraph;
  view: PageView;
}

/** A link as templates show it. */
export interface LinkView {
  name: string;
  href: string;
  current?: boolean;
}

/**
 * Everything the layout needs, plus the page-specific `content`. Read-only: parts of it are one object shared by
 * many pages (`siteWide` and what it holds by every page, a location card by all of that location's pages).
 */
export interface PageView {
  lang: string;
  title: string;
  description: string;
  /** The page's own absolute URL; absent on a page kept out of the index (the 404 page). */
  canonical?: string;
  robots: string;
  og: { type: string; locale: string; siteName: string; image?: string };
  twitterCard: 'summary' | 'summary_large_image';
  /** Serialized with serializeJsonLd: the only string templates print unescaped besides *Html fields. */
  jsonLd: string;
  assets: { stylesheet: string; icon: string };
  site: SiteWideView['site'];
  nav: SiteWideView['nav'];
  breadcrumbs: LinkView[];
  footer: SiteWideView['footer'];
  /** `site`, `nav` and `footer` in one object shared by every page: the header's and footer's context. */
  siteWide: SiteWideView;
  content: Record<string, unknown>;
}

/** What the header and the footer show: the same on every page. */
export interface SiteWideView {
  site: { name: string; homeHref: string; phone?: PhoneView };
  nav: LinkView[];
  footer: { organization: string; locations: LinkView[]; services: LinkView[] };
}

/** A telephone number as shown (`national`) and dialled (`href`). */
export interface PhoneView {
  national: string;
  international: string;
  href: string;
}

/** A location's name, address and phone, exactly as its JSON-LD node says them. */
export interface LocationCardView {
  slug: string;
  name: string;
  href: string;
  streetAddress?: string;
  addressLocality: string;
  addressRegion: string;
  postalCode?: string;
  addressCountry: string;
  phone: PhoneView;
  mapUrl: string;
  hours: HoursRow[];
  specialHours: SpecialHoursRow[];
  isAcceptingNewPatients?: boolean;
}
