import { cardIdentifier } from '../access/identity.ts';
import type { AllergyIntolerance, Bundle, CarePlan, Condition, MedicationStatement, Patient, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { canonicalBase } from '../profiles/canonical.ts';
import type { CardSectionKey } from './card-statements.ts';
import { offlineWords, wordsRestorable } from './offline-words.ts';

export interface CardSection {
  key: CardSectionKey;
  /** Never dropped to fit: a card without all of them is not issued. */
  essential: boolean;
  resources: Resource[];
}

/**
 * What goes on the card, most important first: who she is, every allergy (or her statement that
 * she has none), the emergency care and treatment plan, then problems, medicines and contacts
 * (emergency contacts first: the summary orders them). Whatever does not fit one QR code is
 * dropped from the end of the optional sections, never an allergy or the plan. Pure.
 */
export function cardSections(summary: Bundle): { patient: Patient; sections: CardSection[] } {
  const resources: Resource[] = (summary.entry ?? []).map((e) => e.resource!).filter((r) => r.resourceType !== 'Composition');
  const of = <T extends Resource>(type: T['resourceType']): T[] => resources.filter((r): r is T => r.resourceType === type);
  const patient = of<Patient>('Patient')[0]!;
  const emergencyPlans = of<CarePlan>('CarePlan').filter((p) => p.meta?.profile?.includes(`${canonicalBase}/StructureDefinition/redbag-emergency-care-plan`));
  return {
    patient: {
      resourceType: 'Patient',
      id: patient.id,
      name: patient.name?.slice(0, 1),
      birthDate: patient.birthDate,
      identifier: cardIdentifier(patient),
    },
    sections: [
      { key: 'allergies', essential: true, resources: of<AllergyIntolerance>('AllergyIntolerance').map(slimAllergy) },
      { key: 'plan', essential: true, resources: emergencyPlans.map(slimPlan) },
      { key: 'problems', essential: false, resources: of<Condition>('Condition').map(slimCondition) },
      { key: 'medicines', essential: false, resources: of<MedicationStatement>('MedicationStatement') },
      { key: 'contacts', essential: false, resources: of<RelatedPerson>('RelatedPerson').map(slimContact) },
    ],
  };
}

/*
 * Trims that the card can afford and the full summary keeps (measured in bench/cards.ts: each
 * first use of a long system URL costs 40–50 bytes of a 750-byte budget). Only active entries
 * reach the card (the summary filters them), so the statuses that say so add nothing a crew reads.
 */

/** "Confirmed" is what a listed allergy means to a crew; unconfirmed or refuted stay said. */
function slimAllergy(a: AllergyIntolerance): AllergyIntolerance {
  const confirmed = a.verificationStatus?.coding?.some((c) => c.code === 'confirmed');
  const { verificationStatus: _v, ...rest } = a;
  return confirmed ? rest : a;
}

/** Problems on the card are all current ones: the summary lists no other. */
function slimCondition(c: Condition): Condition {
  const { clinicalStatus: _s, ...rest } = c;
  const confirmed = c.verificationStatus?.coding?.some((x) => x.code === 'confirmed');
  if (confirmed) delete rest.verificationStatus;
  return rest;
}

/**
 * The plan's category and title only say that it is the emergency plan, which its place on the
 * card says; an activity's description that only repeats its code's words ("For cardiopulmonary
 * resuscitation", as the portal writes it) is put back by the scanner from the same table.
 */
function slimPlan(p: CarePlan): CarePlan {
  const { category: _c, title: _t, period: _p, ...rest } = p;
  const activity = p.activity?.map((a) => {
    const coding = a.detail?.code?.coding?.[0];
    const words = coding && wordsRestorable(coding) ? offlineWords(coding.system, coding.code) : undefined;
    if (!a.detail || !words || a.detail.description?.trim().toLowerCase() !== words.toLowerCase()) return a;
    const { description: _d, ...detail } = a.detail;
    return { ...a, detail };
  });
  return { ...rest, ...(activity ? { activity } : {}) };
}

/** Who to call: name, relationship and phone numbers. */
function slimContact(r: RelatedPerson): RelatedPerson {
  const phones = r.telecom?.filter((t) => t.system === 'phone').map((t) => ({ system: t.system, value: t.value }));
  const { telecom: _t, address: _a, gender: _g, birthDate: _b, period: _p, ...rest } = r;
  return { ...rest, ...(phones?.length ? { telecom: phones } : {}) };
}
