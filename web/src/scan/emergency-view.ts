import type { AllergyIntolerance, Bundle, CarePlan, Composition, Condition, Flag, MedicationStatement, Patient, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { describeCondition, describeContact, describeMedicine, isNoKnownAllergyStatement, words } from '../../../src/summary/describe.ts';
import { readNotice, type CardSectionKey, type CardSectionState } from '../../../src/cards/card-statements.ts';
import { withOfflineWords } from '../../../src/cards/offline-words.ts';
import { nhsIdentifier, statedAsVerified } from '../../../src/access/identity.ts';
import { resuscitationOf } from '../../../src/summary/resuscitation.ts';

/** One section as a crew reads it: what is listed, and what the card or summary says about the rest. */
export interface ViewSection {
  items: string[];
  state: CardSectionState;
  /** Words beside the section whenever it is not simply a list ("Not on this card — …", "None recorded"). */
  note?: string;
  /** The note is a warning: information exists that this code does not show, or nobody asked. */
  warning: boolean;
}

/** What a crew sees, in the order they need it. Built from a card's bundle or a full summary document. */
export interface EmergencyView {
  name: string;
  born?: string;
  nhsNumber?: string;
  /** The issuer says it checked the NHS number (not just that she gave it). */
  nhsNumberVerified?: boolean;
  allergies: { text: string; highRisk: boolean; reactions: string }[];
  allergySection: ViewSection;
  resuscitation: ViewSection;
  conditions: ViewSection;
  medicines: ViewSection;
  contacts: ViewSection;
}

const emergencyPlanProfile = 'https://redbag.example.org/fhir/StructureDefinition/redbag-emergency-care-plan';
/** The Red Bag summary's sections, by the codes build-red-bag.ts gives them. */
const summarySectionCodes: Record<CardSectionKey, string> = {
  allergies: '48765-2',
  plan: '42348-3',
  problems: '11450-4',
  medicines: '10160-0',
  contacts: 'contacts-and-care-team',
};

const notes: Record<CardSectionState, string | undefined> = {
  listed: undefined,
  'none-recorded': 'None recorded',
  'not-recorded': 'Allergies not recorded — ask her or her carer',
  'no-known-allergies': 'No known allergies (she has said so)',
  'not-on-card': 'Not on this card — open the Red Bag link or ask',
  'some-not-on-card': 'Not all are on this card — open the Red Bag link or ask',
};
const warnings = new Set<CardSectionState>(['not-recorded', 'not-on-card', 'some-not-on-card']);

export function emergencyView(source: Bundle): EmergencyView {
  // Cards leave off the words of pick-list codes; the scanner carries them (hazard H8).
  const bundle = withOfflineWords(source);
  const resources: Resource[] = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is Resource => r !== undefined);
  const of = <T extends Resource>(type: T['resourceType']): T[] => resources.filter((r): r is T => r.resourceType === type);
  const patient = of<Patient>('Patient')[0];
  const name = patient?.name?.[0];
  const allAllergies = of<AllergyIntolerance>('AllergyIntolerance').filter((a) => !['inactive', 'resolved'].includes(a.clinicalStatus?.coding?.[0]?.code ?? ''));
  const allergies = allAllergies.filter((a) => !isNoKnownAllergyStatement(a));
  // High-risk allergies first: they are what a crew must not miss.
  allergies.sort((a, b) => Number(b.criticality === 'high') - Number(a.criticality === 'high'));
  // A summary carries every plan (support plans too); a card only the emergency one, without its profile.
  const plans = of<CarePlan>('CarePlan').filter((p) => !p.meta?.profile || p.meta.profile.includes(emergencyPlanProfile));
  const items: Record<CardSectionKey, string[]> = {
    allergies: allergies.map((a) => words(a.code)),
    plan: plans.flatMap(describeEmergencyPlan),
    problems: of<Condition>('Condition').map(describeCondition),
    medicines: of<MedicationStatement>('MedicationStatement').filter((m) => m.status === 'active' || m.status === undefined).map(describeMedicine),
    contacts: of<RelatedPerson>('RelatedPerson').map(describeContact),
  };
  const states = sectionStates(bundle, items, allAllergies.length > 0 && allergies.length === 0);
  const section = (key: CardSectionKey): ViewSection => {
    const state = states[key];
    const note = key === 'plan' && state === 'none-recorded' ? 'No emergency care and treatment plan recorded' : notes[state];
    return { items: items[key], state, ...(note ? { note } : {}), warning: warnings.has(state) };
  };
  return {
    name: name?.text ?? ([name?.given?.join(' '), name?.family].filter(Boolean).join(' ') || 'Name not given'),
    ...(patient?.birthDate ? { born: patient.birthDate } : {}),
    ...(nhsNumberOf(patient) ? { nhsNumber: nhsNumberOf(patient), nhsNumberVerified: statedAsVerified(nhsIdentifier(patient ?? { resourceType: 'Patient' })) } : {}),
    allergies: allergies.map((a) => ({
      text: words(a.code),
      highRisk: a.criticality === 'high',
      reactions: (a.reaction ?? []).flatMap((r) => [...(r.manifestation ?? []).map(words), ...(r.severity ? [r.severity] : [])]).join(', '),
    })),
    allergySection: section('allergies'),
    resuscitation: section('plan'),
    conditions: section('problems'),
    medicines: section('medicines'),
    contacts: section('contacts'),
  };
}

/**
 * Listed, recorded none, said no known allergies, or not (all) on this code. A summary document
 * says it in its sections; a Red Bag card in its notice (card-statements.ts). Anything else (an
 * older card, another issuer's card) has said nothing: an empty section there is "not on this
 * card", never "none".
 */
function sectionStates(bundle: Bundle, items: Record<CardSectionKey, string[]>, saidNoKnownAllergies: boolean): Record<CardSectionKey, CardSectionState> {
  const keys = Object.keys(items) as CardSectionKey[];
  const states = Object.fromEntries(keys.map((k) => [k, items[k].length ? 'listed' : 'not-on-card'])) as Record<CardSectionKey, CardSectionState>;
  if (saidNoKnownAllergies) states.allergies = 'no-known-allergies';
  const composition = bundle.entry?.[0]?.resource?.resourceType === 'Composition' ? (bundle.entry[0].resource as Composition) : undefined;
  if (composition) {
    for (const key of keys) {
      const section = composition.section?.find((s) => s.code?.coding?.some((c) => c.code === summarySectionCodes[key]));
      if (section && !section.entry?.length) states[key] = key === 'allergies' ? 'not-recorded' : 'none-recorded';
    }
    return states;
  }
  const notice = (bundle.entry ?? []).map((e) => e.resource).filter((r): r is Flag => r?.resourceType === 'Flag').map((f) => readNotice(f.code?.text ?? '')).find((n) => n);
  if (notice) return { ...states, ...notice };
  // Cards made before the notice existed said "partial" in Bundle.meta.tag: any section may be cut short.
  if ((bundle.meta?.tag ?? []).some((t) => t.code === 'partial')) {
    for (const key of ['problems', 'medicines', 'contacts'] as const) if (states[key] === 'listed') states[key] = 'some-not-on-card';
  }
  return states;
}

/** Resuscitation first (for, not for, or not decided yet), in the plan's own words, then what she wants to happen. */
function describeEmergencyPlan(plan: CarePlan): string[] {
  const cpr = resuscitationOf(plan);
  return [cpr ? words(cpr) : undefined, plan.description].filter((line): line is string => Boolean(line));
}

function nhsNumberOf(patient: Patient | undefined): string | undefined {
  return patient?.identifier?.find((i) => i.system === 'https://fhir.nhs.uk/Id/nhs-number')?.value?.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3');
}
