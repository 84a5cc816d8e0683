import type {
  AllergyIntolerance,
  Bundle,
  CarePlan,
  CareTeam,
  CodeableConcept,
  Composition,
  CompositionSection,
  Condition,
  Goal,
  MedicationStatement,
  Observation,
  Patient,
  RelatedPerson,
  Resource,
} from '@medplum/fhirtypes';
import { canonicalBase } from '../profiles/canonical.ts';
import { describeAllergy, describeBaseline, describeCareTeam, describeCondition, describeContact, describeGoal, describeMedicine, describePlan } from './describe.ts';
import { narrative } from './narrative.ts';

const loinc = (code: string, display: string): CodeableConcept => ({ coding: [{ system: 'http://loinc.org', code, display }] });
const own = (code: string, display: string): CodeableConcept => ({ coding: [{ system: `${canonicalBase}/CodeSystem/redbag-summary-sections`, code, display }] });
const emptyReason = (code: 'nilknown' | 'notasked', display: string): CodeableConcept => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code, display }],
});

const noKnownAllergy = '716186003';
const emergencyPlanProfile = `${canonicalBase}/StructureDefinition/redbag-emergency-care-plan`;
/** Who to call first: an emergency contact, then next of kin, then anyone else (v2-0131 C and N). */
const callOrder = (r: RelatedPerson): number => {
  const roles = (r.relationship ?? []).flatMap((c) => c.coding ?? []).filter((c) => c.system === 'http://terminology.hl7.org/CodeSystem/v2-0131').map((c) => c.code);
  return roles.includes('C') ? 0 : roles.includes('N') ? 1 : 2;
};
/** The types each section is made from (besides the Patient): left out when they were not read. */
const madeFrom: Record<string, string[]> = {
  Allergies: ['AllergyIntolerance'],
  'Health problems': ['Condition'],
  Medicines: ['MedicationStatement'],
  'Emergency care and treatment plan': ['CarePlan'],
  'How she usually is (baseline)': ['Observation'],
  'Communication needs': ['Flag'],
  'Contacts and care team': ['RelatedPerson', 'CareTeam'],
  'What matters to me': ['Goal'],
  'Support plan': ['CarePlan'],
};
const active = (concept: CodeableConcept | undefined): boolean => !concept || concept.coding?.some((c) => ['active', 'recurrence', 'relapse'].includes(c.code ?? '')) === true;

export interface RedBagInput {
  patient: Patient;
  /** Everything of hers the caller may see (fetched beforehand through the record). */
  resources: Resource[];
  now: Date;
  /** Base of the fullUrls: `${PUBLIC_URL}/fhir`. */
  baseUrl: string;
  /** A fresh id for this summary (urn:uuid), passed in so the builder stays pure. */
  summaryId: string;
  /**
   * The types that were read, when only some were (a card reads only what it shows): a section
   * made from any other type is left out, never said to be empty. Absent: every type was read.
   */
  readTypes?: readonly string[];
}

/**
 * The Red Bag: an IPS-shaped FHIR document built from resources fetched beforehand. Pure. The
 * sections come in the order a crew needs them — allergies first — and an empty section says why:
 * "no known allergies" (the person said so) is not the same as "not recorded".
 */
export function buildRedBag(input: RedBagInput): Bundle {
  const { patient, resources, now, baseUrl, summaryId } = input;
  const wasRead = (...types: string[]): boolean => !input.readTypes || types.every((t) => input.readTypes!.includes(t));
  const of = <T extends Resource>(type: T['resourceType']): T[] => resources.filter((r): r is T => r.resourceType === type);
  const allergies = of<AllergyIntolerance>('AllergyIntolerance').filter((a) => active(a.clinicalStatus));
  const known = allergies.filter((a) => !a.code?.coding?.some((c) => c.code === noKnownAllergy));
  const noneKnown = allergies.length > 0 && known.length === 0;
  known.sort((a, b) => Number(b.criticality === 'high') - Number(a.criticality === 'high'));
  const problems = of<Condition>('Condition').filter((c) => active(c.clinicalStatus));
  const medicines = of<MedicationStatement>('MedicationStatement').filter((m) => m.status === 'active' || m.status === 'intended');
  const plans = of<CarePlan>('CarePlan').filter((p) => p.status === 'active');
  const emergencyPlans = plans.filter((p) => p.meta?.profile?.includes(emergencyPlanProfile));
  const supportPlans = plans.filter((p) => !emergencyPlans.includes(p));
  const baseline = of<Observation>('Observation').filter((o) => o.code.coding?.some((c) => c.system === `${canonicalBase}/CodeSystem/redbag-baseline`));
  const contacts = of<RelatedPerson>('RelatedPerson').sort((a, b) => callOrder(a) - callOrder(b));
  const teams = of<CareTeam>('CareTeam').filter((t) => t.status !== 'inactive' && t.status !== 'entered-in-error');
  const goals = of<Goal>('Goal').filter((g) => g.lifecycleStatus === 'active' || g.lifecycleStatus === 'accepted' || g.lifecycleStatus === 'planned');
  const reasonableAdjustments = resources.filter((r) => r.resourceType === 'Flag' && r.meta?.profile?.includes(`${canonicalBase}/StructureDefinition/redbag-reasonable-adjustment`));

  const ref = (r: Resource) => ({ reference: `${baseUrl}/${r.resourceType}/${r.id}` });
  const section = (title: string, code: CodeableConcept, entries: Resource[], lead: string, lines: string[], empty?: CodeableConcept): CompositionSection => ({
    title,
    code,
    text: narrative(lead, lines),
    ...(entries.length ? { entry: entries.map(ref) } : empty ? { emptyReason: empty } : {}),
  });
  const languages = (patient.communication ?? []).map((c) => `${c.language.text ?? c.language.coding?.[0]?.display ?? c.language.coding?.[0]?.code ?? 'language'}${c.preferred ? ' (preferred)' : ''}`);

  const allSections: CompositionSection[] = [
    noneKnown
      ? section('Allergies', loinc('48765-2', 'Allergies and adverse reactions Document'), allergies, 'No known allergies (she has said so).', [], undefined)
      : section('Allergies', loinc('48765-2', 'Allergies and adverse reactions Document'), known, known.length ? `${known.length} allerg${known.length === 1 ? 'y' : 'ies'}:` : 'Allergies not recorded: ask her or her carer.', known.map(describeAllergy), emptyReason('notasked', 'Not Asked')),
    section('Health problems', loinc('11450-4', 'Problem list - Reported'), problems, problems.length ? 'Current health problems:' : 'No current health problems recorded.', problems.map(describeCondition), emptyReason('notasked', 'Not Asked')),
    section('Medicines', loinc('10160-0', 'History of Medication use Narrative'), medicines, medicines.length ? 'Medicines she takes now:' : 'No current medicines recorded.', medicines.map(describeMedicine), emptyReason('notasked', 'Not Asked')),
    section('Emergency care and treatment plan', loinc('42348-3', 'Advance directives'), emergencyPlans, emergencyPlans.length ? 'Her recommendations for emergency care:' : 'No emergency care and treatment plan recorded.', emergencyPlans.flatMap((p) => [p.description ?? '', ...describePlan(p)]).filter(Boolean), emptyReason('notasked', 'Not Asked')),
    section('How she usually is (baseline)', loinc('47420-5', 'Functional status assessment note'), baseline, baseline.length ? 'Usually:' : 'Baseline not recorded.', baseline.map(describeBaseline), emptyReason('notasked', 'Not Asked')),
    section('Communication needs', own('communication-needs', 'Communication needs'), reasonableAdjustments, languages.length || reasonableAdjustments.length ? 'How to communicate with her:' : 'No communication needs recorded.', [...languages.map((l) => `Language: ${l}`), ...reasonableAdjustments.map((f) => (f as { code?: CodeableConcept }).code?.text ?? 'Reasonable adjustment')], emptyReason('notasked', 'Not Asked')),
    section('Contacts and care team', own('contacts-and-care-team', 'Contacts and care team'), [...contacts, ...teams], contacts.length || teams.length ? 'Who to call, emergency contacts first:' : 'No contacts recorded.', [...contacts.map(describeContact), ...teams.flatMap(describeCareTeam)], emptyReason('notasked', 'Not Asked')),
    section('What matters to me', own('what-matters', 'What matters to me'), goals, goals.length ? 'In her own words:' : 'Not recorded yet.', goals.map(describeGoal), emptyReason('notasked', 'Not Asked')),
    section('Support plan', loinc('18776-5', 'Plan of care note'), supportPlans, supportPlans.length ? 'Who helps with what, and when:' : 'No support plan recorded.', supportPlans.flatMap(describePlan), emptyReason('notasked', 'Not Asked')),
  ];
  const sections = allSections.filter((s) => wasRead(...(madeFrom[s.title!] ?? [])));

  const name = patient.name?.[0];
  const fullName = name?.text ?? [name?.given?.join(' '), name?.family].filter(Boolean).join(' ');
  const patientUrl = `${baseUrl}/Patient/${patient.id}`;
  const composition: Composition = {
    resourceType: 'Composition',
    meta: { profile: [`${canonicalBase}/StructureDefinition/redbag-summary-composition`] },
    status: 'final',
    type: loinc('60591-5', 'Patient summary Document'),
    subject: { reference: patientUrl, display: fullName },
    date: now.toISOString(),
    author: [{ reference: patientUrl, display: fullName }],
    title: `Red Bag summary for ${fullName}`,
    section: sections,
  };
  // One lookup table, not a search of the whole record for every entry (that grew with the square of its size).
  const byReference = new Map(resources.map((r) => [ref(r).reference, r]));
  const included = new Map<string, Resource>([[patientUrl, patient]]);
  for (const s of sections) for (const e of s.entry ?? []) included.set(e.reference!, byReference.get(e.reference!)!);
  return {
    resourceType: 'Bundle',
    meta: { profile: [`${canonicalBase}/StructureDefinition/redbag-summary`] },
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${summaryId}` },
    type: 'document',
    timestamp: now.toISOString(),
    entry: [{ fullUrl: `urn:uuid:${summaryId}`, resource: composition }, ...[...included].map(([fullUrl, resource]) => ({ fullUrl, resource }))],
  };
}
