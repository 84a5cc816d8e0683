/**
 * What a person can share, grouped the way people think about it. A share (Consent) lists resource
 * types in provision.class; the portal offers these classes and writes their types. The Patient
 * itself (name, date of birth, NHS number) goes with every share: nobody can use a plan without
 * knowing whose it is.
 */
export interface DataClass {
  id: string;
  /** What the person is told she is sharing. */
  label: string;
  resourceTypes: readonly string[];
}

export const dataClasses: readonly DataClass[] = [
  { id: 'support-plan', label: 'Support plan, goals and what matters to me', resourceTypes: ['CarePlan', 'Goal', 'Observation'] },
  { id: 'contacts', label: 'Contacts and care team', resourceTypes: ['RelatedPerson', 'CareTeam'] },
  { id: 'allergies-and-medicines', label: 'Allergies and medicines', resourceTypes: ['AllergyIntolerance', 'MedicationStatement'] },
  { id: 'conditions', label: 'Conditions', resourceTypes: ['Condition'] },
  { id: 'appointments', label: 'Appointments', resourceTypes: ['Appointment'] },
  { id: 'notes-and-concerns', label: 'Notes, concerns and discharge summaries', resourceTypes: ['Flag', 'Communication', 'Composition', 'DocumentReference'] },
];

/** Always part of a share. */
export const alwaysShared: readonly string[] = ['Patient'];

/** The code system provision.class uses for resource types. */
export const resourceTypesSystem = 'http://hl7.org/fhir/resource-types';

export function dataClassesOf(resourceTypes: Iterable<string>): DataClass[] {
  const types = new Set(resourceTypes);
  return dataClasses.filter((c) => c.resourceTypes.some((t) => types.has(t)));
}
