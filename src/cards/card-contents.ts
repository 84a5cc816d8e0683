import type { AllergyIntolerance, Bundle, CarePlan, Condition, MedicationStatement, Patient, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { canonicalBase } from '../profiles/canonical.ts';

/**
 * What goes on the card, most important first: who she is, every allergy with its reactions,
 * the emergency care and treatment plan (resuscitation), problems, medicines, one emergency
 * contact. Whatever does not fit one QR code is dropped from the end, never an allergy.
 */
export function cardCandidates(summary: Bundle): { essential: Resource[]; optional: Resource[] } {
  const resources: Resource[] = (summary.entry ?? []).map((e) => e.resource!).filter((r) => r.resourceType !== 'Composition');
  const of = <T extends Resource>(type: T['resourceType']): T[] => resources.filter((r): r is T => r.resourceType === type);
  const patient = of<Patient>('Patient')[0]!;
  const slimPatient: Patient = { resourceType: 'Patient', id: patient.id, name: patient.name?.slice(0, 1), birthDate: patient.birthDate, identifier: patient.identifier?.filter((i) => i.system === 'https://fhir.nhs.uk/Id/nhs-number') };
  const emergencyPlans = of<CarePlan>('CarePlan').filter((p) => p.meta?.profile?.includes(`${canonicalBase}/StructureDefinition/redbag-emergency-care-plan`));
  const contact = of<RelatedPerson>('RelatedPerson').slice(0, 1); // the summary lists emergency contacts first
  return {
    essential: [slimPatient, ...of<AllergyIntolerance>('AllergyIntolerance'), ...emergencyPlans],
    optional: [...of<Condition>('Condition'), ...of<MedicationStatement>('MedicationStatement'), ...contact],
  };
}
