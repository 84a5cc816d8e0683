import type { AllergyIntolerance, Bundle, CarePlan, Condition, MedicationStatement, Patient, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { describeCondition, describeContact, describeMedicine, words } from '../../../src/summary/describe.ts';

/** What a crew sees, in the order they need it. Built from a card's bundle or a full summary document. */
export interface EmergencyView {
  name: string;
  born?: string;
  nhsNumber?: string;
  allergies: { text: string; highRisk: boolean; reactions: string }[];
  /** "No known allergies", "Allergies not recorded — ask", or undefined when allergies are listed. */
  allergyNote?: string;
  resuscitation?: string;
  conditions: string[];
  medicines: string[];
  contacts: string[];
  /** The card left things out to fit one QR code: the rest is behind the Red Bag link. */
  partial: boolean;
}

const noKnownAllergy = '716186003';
const resuscitationCodes = new Set(['304252001', '304253006']);

export function emergencyView(bundle: Bundle): EmergencyView {
  const resources: Resource[] = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is Resource => r !== undefined);
  const of = <T extends Resource>(type: T['resourceType']): T[] => resources.filter((r): r is T => r.resourceType === type);
  const patient = of<Patient>('Patient')[0];
  const name = patient?.name?.[0];
  const allAllergies = of<AllergyIntolerance>('AllergyIntolerance');
  const noneKnown = allAllergies.length > 0 && allAllergies.every((a) => a.code?.coding?.some((c) => c.code === noKnownAllergy));
  const allergies = noneKnown ? [] : allAllergies.filter((a) => a.clinicalStatus?.coding?.[0]?.code !== 'inactive' && a.clinicalStatus?.coding?.[0]?.code !== 'resolved');
  // High-risk allergies first: they are what a crew must not miss.
  allergies.sort((a, b) => Number(b.criticality === 'high') - Number(a.criticality === 'high'));
  const plans = of<CarePlan>('CarePlan');
  const cpr = plans.flatMap((p) => p.activity ?? []).map((a) => a.detail?.code).find((c) => c?.coding?.some((x) => resuscitationCodes.has(x.code ?? '')));
  return {
    name: name?.text ?? ([name?.given?.join(' '), name?.family].filter(Boolean).join(' ') || 'Name not given'),
    ...(patient?.birthDate ? { born: patient.birthDate } : {}),
    ...(nhsNumberOf(patient) ? { nhsNumber: nhsNumberOf(patient) } : {}),
    allergies: allergies.map((a) => ({
      text: words(a.code),
      highRisk: a.criticality === 'high',
      reactions: (a.reaction ?? []).flatMap((r) => [...(r.manifestation ?? []).map(words), ...(r.severity ? [r.severity] : [])]).join(', '),
    })),
    ...(noneKnown ? { allergyNote: 'No known allergies' } : allAllergies.length === 0 ? { allergyNote: 'Allergies not recorded — ask' } : {}),
    ...(cpr ? { resuscitation: words(cpr) } : plans.some((p) => p.description) ? { resuscitation: 'See the emergency care plan' } : {}),
    conditions: of<Condition>('Condition').map(describeCondition),
    medicines: of<MedicationStatement>('MedicationStatement').filter((m) => m.status === 'active' || m.status === undefined).map(describeMedicine),
    contacts: of<RelatedPerson>('RelatedPerson').map(describeContact),
    partial: (bundle.meta?.tag ?? []).some((t) => t.code === 'partial'),
  };
}

function nhsNumberOf(patient: Patient | undefined): string | undefined {
  return patient?.identifier?.find((i) => i.system === 'https://fhir.nhs.uk/Id/nhs-number')?.value?.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3');
}
