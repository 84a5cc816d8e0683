import type {
  AllergyIntolerance,
  CareTeam,
  CarePlan,
  CodeableConcept,
  Condition,
  Goal,
  MedicationStatement,
  Observation,
  RelatedPerson,
} from '@medplum/fhirtypes';

/** One line in plain words for each kind of entry in the summary. */
export const words = (concept: CodeableConcept | undefined): string => concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? concept?.coding?.[0]?.code ?? 'not named';

/** SNOMED CT 716186003: her statement that she has no known allergy, never an allergy itself. */
export const isNoKnownAllergyStatement = (a: AllergyIntolerance): boolean => a.code?.coding?.some((c) => c.system === 'http://snomed.info/sct' && c.code === '716186003') === true;

export function describeAllergy(a: AllergyIntolerance): string {
  // Never "HIGH RISK: No known allergy", whatever an older record or an import says (issue 12).
  if (isNoKnownAllergyStatement(a)) return 'No known allergies (she has said so)';
  const reactions = (a.reaction ?? []).flatMap((r) => [...(r.manifestation ?? []).map(words), ...(r.severity ? [`${r.severity}`] : [])]);
  const danger = a.criticality === 'high' ? 'HIGH RISK: ' : '';
  return `${danger}${words(a.code)}${reactions.length ? ` — ${reactions.join(', ')}` : ''}`;
}

export const describeCondition = (c: Condition): string => `${words(c.code)}${c.onsetDateTime ? ` (since ${c.onsetDateTime.slice(0, 10)})` : ''}`;

export const describeMedicine = (m: MedicationStatement): string => `${words(m.medicationCodeableConcept)}${m.dosage?.[0]?.text ? ` — ${m.dosage[0].text}` : ''}`;

export function describeContact(r: RelatedPerson): string {
  const name = r.name?.[0]?.text ?? [r.name?.[0]?.given?.join(' '), r.name?.[0]?.family].filter(Boolean).join(' ');
  const role = (r.relationship ?? []).map(words).join(', ');
  const phone = r.telecom?.find((t) => t.system === 'phone')?.value;
  return `${name || 'Contact'}${role ? ` (${role})` : ''}${phone ? ` — ${phone}` : ''}`;
}

export const describeCareTeam = (t: CareTeam): string[] =>
  (t.participant ?? []).map((p) => `${(p.role ?? []).map(words).join(', ') || 'Member'}: ${p.member?.display ?? 'named in the record'}`);

export const describeGoal = (g: Goal): string => g.description.text ?? words(g.description);

export const describePlan = (p: CarePlan): string[] =>
  (p.activity ?? []).map((a) => [a.detail?.description, a.detail?.scheduledString].filter(Boolean).join(' — ') || 'Activity');

export const describeBaseline = (o: Observation): string => `${words(o.code)}: ${o.valueString ?? (o.valueCodeableConcept ? words(o.valueCodeableConcept) : undefined) ?? o.note?.[0]?.text ?? 'not described'}`;
