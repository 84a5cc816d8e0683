/**
 * The resource types the wallet keeps. A person's record is her Patient compartment: every type
 * here except the directory types belongs to exactly one Patient.
 */
export const recordTypes = [
  'Patient',
  'AllergyIntolerance',
  'Condition',
  'MedicationStatement',
  'RelatedPerson',
  'CareTeam',
  'Goal',
  'CarePlan',
  'Appointment',
  'Consent',
  'Flag',
  'DocumentReference',
  'AuditEvent',
  'Observation',
  'Communication',
  'Composition',
] as const;

export type RecordType = (typeof recordTypes)[number];

export function isRecordType(type: string): type is RecordType {
  return (recordTypes as readonly string[]).includes(type);
}

/**
 * Where each type says whose record it belongs to (FHIR's Patient CompartmentDefinition, reduced
 * to the one element that names the person). Patient is its own compartment.
 */
export const patientReferencePath: Record<Exclude<RecordType, 'Patient'>, string> = {
  AllergyIntolerance: 'patient',
  Condition: 'subject',
  MedicationStatement: 'subject',
  RelatedPerson: 'patient',
  CareTeam: 'subject',
  Goal: 'subject',
  CarePlan: 'subject',
  Appointment: 'participant.actor',
  Consent: 'patient',
  Flag: 'subject',
  DocumentReference: 'subject',
  AuditEvent: 'entity.what',
  Observation: 'subject',
  Communication: 'subject',
  Composition: 'subject',
};

/** Shared directory entries (organisations, professionals): in nobody's record. */
export const directoryTypes: ReadonlySet<string> = new Set(['Organization', 'Practitioner', 'PractitionerRole']);

/** Every type the service keeps. */
export function isSupportedType(type: string): boolean {
  return isRecordType(type) || directoryTypes.has(type);
}
