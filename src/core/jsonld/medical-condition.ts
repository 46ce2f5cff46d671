import type { MedicalCondition } from 'schema-dts';
import type { ConditionModel } from '../site-model.js';
import { idRef, routes } from '../urls.js';
import { optional, type GraphContext, type GraphNode } from './graph-context.js';

/** possibleTreatment's range is MedicalTherapy (and drugs): a plain TherapeuticProcedure cannot be named there. */
const TREATMENT_TYPES = new Set(['MedicalTherapy', 'PhysicalTherapy', 'OccupationalTherapy']);

/** A condition, linked to the therapies that treat it. */
export function buildMedicalCondition({ ids, url, site }: GraphContext, condition: ConditionModel): GraphNode<MedicalCondition> {
  const therapies = condition.serviceSlugs.filter((slug) => TREATMENT_TYPES.has(site.services.find((service) => service.slug === slug)?.type ?? ''));
  return {
    '@type': 'MedicalCondition',
    '@id': ids.condition(condition.slug),
    name: condition.name,
    ...optional('alternateName', condition.alternateNames),
    description: condition.description,
    url: url(routes.condition(condition.slug)),
    ...optional('possibleTreatment', therapies.map((slug) => idRef(ids.therapy(slug)))),
  };
}
