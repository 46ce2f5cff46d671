import type { WebPage } from 'schema-dts';
import type { Route } from '../urls.js';
import { idRef } from '../urls.js';
import { optional, type GraphContext, type GraphNode } from './graph-context.js';

/** What a page is: plain WebPage, or MedicalWebPage for pages about therapies and conditions. */
export interface WebPageFacts {
  route: Route;
  type: 'WebPage' | 'MedicalWebPage' | 'CollectionPage';
  title: string;
  description: string;
  /** @id of the entity the page is about (also its main entity). */
  about?: string;
  /** False for a page kept out of the index (the 404 page): it has no breadcrumb trail in its markup. */
  indexable?: boolean;
}

/** The page node: part of the website, about its main entity, with its breadcrumb trail. */
export function buildWebPage({ site, ids, url }: GraphContext, page: WebPageFacts): GraphNode<WebPage> {
  const node = {
    // WebPage and its subtype MedicalWebPage share these properties.
    '@type': page.type as 'WebPage',
    '@id': ids.webPage(page.route),
    url: url(page.route),
    name: page.title,
    description: page.description,
    inLanguage: site.language,
    isPartOf: idRef(ids.website),
    ...optional('about', page.about === undefined ? undefined : idRef(page.about)),
    ...optional('mainEntity', page.about === undefined ? undefined : idRef(page.about)),
    ...optional('breadcrumb', page.indexable === false ? undefined : idRef(ids.breadcrumb(page.route))),
  } satisfies GraphNode<WebPage>;
  return node;
}
