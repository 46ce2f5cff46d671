import type { MedicalProcedureType, MedicalSpecialty, MedicalTherapy } from 'schema-dts';
import { schemaUrl } from '../medical-vocab.js';
import type { ServiceModel } from '../site-model.js';
import { routes } from '../urls.js';
import { optional, type GraphContext, type GraphNode } from './graph-context.js';

/**
 * A service as its schema.org type (MedicalTherapy, PhysicalTherapy, OccupationalTherapy or
 * TherapeuticProcedure). All are MedicalProcedure subtypes, so they share one builder.
 */
export function buildTherapy({ ids, url }: GraphContext, service: ServiceModel): GraphNode<MedicalTherapy> {
  const procedureType: MedicalProcedureType | undefined = service.procedureType && schemaUrl(service.procedureType);
  const specialty: MedicalSpecialty | undefined = service.relevantSpecialty && schemaUrl(service.relevantSpecialty);
  const node = {
    // The four service types share MedicalTherapy's properties; schema-dts types one @type per builder.
    '@type': service.type as 'MedicalTherapy',
    '@id': ids.therapy(service.slug),
    name: service.name,
    ...optional('alternateName', service.alternateNames),
    description: service.description,
    url: url(routes.service(service.slug)),
    ...optional('procedureType', procedureType),
    ...optional('bodyLocation', service.bodyLocation),
    ...optional('relevantSpecialty', specialty),
  } satisfies GraphNode<MedicalTherapy>;
  return node;
}
