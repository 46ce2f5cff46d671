import type { MedicalCondition } from 'schema-dts';
import type { ConditionModel } from '../site-model.js';
import { idRef, routes } from '../urls.js';
import { optional, type GraphContext, type GraphNode } from './graph-context.js';

/** A condition, linked to the therapies that treat it. */
export function buildMedicalCondition({ ids, url }: GraphContext, condition: ConditionModel): GraphNode<MedicalCondition> {
  return {
    '@type': 'MedicalCondition',
    '@id': ids.condition(condition.slug),
    name: condition.name,
    ...optional('alternateName', condition.alternateNames),
    description: condition.description,
    url: url(routes.condition(condition.slug)),
    ...optional('possibleTreatment', condition.serviceSlugs.map((slug) => idRef(ids.therapy(slug)))),
  };
}
