/** The schema.org terms the data may name, kept in one place so validation and JSON-LD agree. */

/** schema.org types a location may have (all are MedicalBusiness or MedicalOrganization subtypes). */
export const LOCATION_TYPES = [
  'MedicalClinic',
  'Physiotherapy',
  'Physician',
  'Hospital',
  'Dentist',
  'Optician',
  'Pharmacy',
  'MedicalBusiness',
] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];

/** Types whose schema.org domain includes `availableService` and `medicalSpecialty`. */
export const TYPES_WITH_SERVICES: readonly LocationType[] = ['MedicalClinic', 'Physician', 'Hospital'];

/** schema.org service types, all subtypes of MedicalProcedure. */
export const SERVICE_TYPES = ['MedicalTherapy', 'PhysicalTherapy', 'OccupationalTherapy', 'TherapeuticProcedure'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Members of schema.org's MedicalProcedureType enumeration. */
export const PROCEDURE_TYPES = ['NoninvasiveProcedure', 'PercutaneousProcedure'] as const;
export type ProcedureType = (typeof PROCEDURE_TYPES)[number];

/** Members of schema.org's MedicalSpecialty enumeration (release 29.4). */
export const MEDICAL_SPECIALTIES = [
  'Anesthesia', 'Cardiovascular', 'CommunityHealth', 'Dentistry', 'Dermatologic', 'Dermatology', 'DietNutrition',
  'Emergency', 'Endocrine', 'Gastroenterologic', 'Genetic', 'Geriatric', 'Gynecologic', 'Hematologic', 'Infectious',
  'LaboratoryScience', 'Midwifery', 'Musculoskeletal', 'Neurologic', 'Nursing', 'Obstetric', 'Oncologic', 'Optometric',
  'Otolaryngologic', 'Pathology', 'Pediatric', 'PharmacySpecialty', 'Physiotherapy', 'PlasticSurgery', 'Podiatric',
  'PrimaryCare', 'Psychiatric', 'PublicHealth', 'Pulmonary', 'Radiography', 'Renal', 'RespiratoryTherapy',
  'Rheumatologic', 'SpeechPathology', 'Surgical', 'Toxicologic', 'Urologic',
] as const;
export type MedicalSpecialtyName = (typeof MEDICAL_SPECIALTIES)[number];

/** Days of the week as schema.org DayOfWeek members, Monday first. */
export const DAYS_OF_WEEK = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

/** The full URL schema.org uses for an enumeration member, e.g. `https://schema.org/Physiotherapy`. */
export function schemaUrl<T extends string>(term: T): `https://schema.org/${T}` {
  return `https://schema.org/${term}`;
}
