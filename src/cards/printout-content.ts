import { identityStatus } from '../access/identity.ts';
import type { AllergyIntolerance, Bundle, CarePlan, Condition, MedicationStatement, Patient, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { canonicalBase } from '../profiles/canonical.ts';
import { describeAllergy, describeCondition, describeContact, describeMedicine, words } from '../summary/describe.ts';
import { ukDate, ukDateOf, withUkDates } from './uk-date.ts';
import { resuscitationOf } from '../summary/resuscitation.ts';

/** The essentials a crew needs without scanning, in plain words, from a Red Bag summary. Pure. Dates in UK style ("14 June 1944"). */
export interface PrintoutContent {
  name: string;
  born: string;
  nhsNumber?: string;
  /** Checked by an administrator, not only given by her (access/identity.ts). */
  nhsNumberVerified?: boolean;
  allergies: string[];
  resuscitation: string;
  conditions: string[];
  medicines: string[];
  contact?: string;
  madeOn: string;
}

export function printoutContent(summary: Bundle, madeAt: Date): PrintoutContent {
  const resources: Resource[] = (summary.entry ?? []).map((e) => e.resource!);
  const of = <T extends Resource>(type: T['resourceType']): T[] => resources.filter((r): r is T => r.resourceType === type);
  const patient = of<Patient>('Patient')[0]!;
  const name = patient.name?.[0];
  const allergies = of<AllergyIntolerance>('AllergyIntolerance');
  const noneKnown = allergies.length > 0 && allergies.every((a) => a.code?.coding?.some((c) => c.code === '716186003'));
  const emergencyPlan = of<CarePlan>('CarePlan').find((p) => p.meta?.profile?.includes(`${canonicalBase}/StructureDefinition/redbag-emergency-care-plan`));
  // "Not decided yet" is printed as such: a statement she made, not a gap and not a decision.
  const cpr = resuscitationOf(emergencyPlan);
  return {
    name: name?.text ?? [name?.given?.join(' '), name?.family].filter(Boolean).join(' '),
    born: patient.birthDate ? ukDate(patient.birthDate) : 'not recorded',
    nhsNumber: patient.identifier?.find((i) => i.system === 'https://fhir.nhs.uk/Id/nhs-number')?.value?.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3'),
    nhsNumberVerified: identityStatus(patient) === 'verified',
    allergies: noneKnown ? ['No known allergies'] : allergies.length ? allergies.map(describeAllergy) : ['Allergies not recorded — ask'],
    resuscitation: cpr ? words(cpr) : emergencyPlan ? 'See emergency care plan' : 'No plan recorded',
    conditions: of<Condition>('Condition').map((c) => withUkDates(describeCondition(c))),
    medicines: of<MedicationStatement>('MedicationStatement').map(describeMedicine),
    contact: firstContact(of<RelatedPerson>('RelatedPerson').map(describeContact)),
    madeOn: ukDateOf(madeAt),
  };
}

/** The page has room for one contact (emergency contacts first); it says when there are more, never hides them. */
function firstContact(contacts: string[]): string | undefined {
  if (contacts.length <= 1) return contacts[0];
  const more = contacts.length - 1;
  return `${contacts[0]} (and ${more} more contact${more === 1 ? '' : 's'}: open the Red Bag link or ask)`;
}
