import type { Organization } from 'schema-dts';
import { routes } from '../urls.js';
import { optional, type GraphContext, type GraphNode } from './graph-context.js';

/** The business behind the site. Never carries ratings or reviews: Google treats them as self-serving. */
export function buildOrganization({ site, ids, url }: GraphContext): GraphNode<Organization> {
  const { organization } = site;
  return {
    '@type': 'Organization',
    '@id': ids.organization,
    name: organization.name,
    url: url(routes.home()),
    ...optional('logo', organization.logo),
    ...optional('telephone', organization.telephone?.international),
    ...optional('sameAs', organization.sameAs),
  };
}
