import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Resource } from '@medplum/fhirtypes';
import { createValidator } from '../../src/profiles/validator.ts';

const profileDir = new URL('../../fhir-profiles', import.meta.url).pathname;
const validator = createValidator({ profileDir });
const errors = (resource: object) => validator.validate(resource as Resource).filter((i) => i.severity === 'error');
const me = { reference: 'Patient/1' };
const active = (system: string) => ({ coding: [{ system: `http://terminology.hl7.org/CodeSystem/${system}`, code: 'active' }] });

const base = 'https://redbag.example.org/fhir';
function emergencyPlan(withCpr: boolean): object {
  const code = withCpr ? { coding: [{ system: 'http://snomed.info/sct', code: '304253006' }] } : { text: 'Ask the family' };
  return {
    resourceType: 'CarePlan',
    meta: { profile: [`${base}/StructureDefinition/redbag-emergency-care-plan`] },
    status: 'active',
    intent: 'plan',
    category: [{ coding: [{ system: `${base}/CodeSystem/redbag-plan-kinds`, code: 'emergency-care-treatment-plan' }] }],
    description: 'Comfort first',
    subject: me,
    activity: [{ detail: { status: 'in-progress', code, description: 'Resuscitation' } }],
  };
}

function adjustment(withBasis: boolean): object {
  return {
    resourceType: 'Flag',
    meta: { profile: [`${base}/StructureDefinition/redbag-reasonable-adjustment`] },
    ...(withBasis ? { extension: [{ url: `${base}/StructureDefinition/reasonable-adjustment-consent-basis`, valueCodeableConcept: { text: 'agreed' } }] } : {}),
    status: 'active',
    category: [{ coding: [{ system: `${base}/CodeSystem/redbag-plan-kinds`, code: 'reasonable-adjustment' }] }],
    code: { text: 'Large print letters' },
    subject: me,
  };
}

function consent(period: object): object {
  return {
    resourceType: 'Consent',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'INFA' }] }],
    patient: me,
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
    provision: { type: 'permit', period, actor: [{ role: { text: 'discharge team' }, reference: { display: 'Northgate Hospital' } }], class: [{ system: 'http://hl7.org/fhir/resource-types', code: 'CarePlan' }] },
  };
}

// One good resource per profile, and for each rule a bad variant: [name, good, bad, element, message]
const cases: Array<[string, object, object, string, RegExp]> = [
  ['an allergy needs what it is to', { resourceType: 'AllergyIntolerance', patient: me, clinicalStatus: active('allergyintolerance-clinical'), code: { text: 'Codeine' } }, { resourceType: 'AllergyIntolerance', patient: me, clinicalStatus: active('allergyintolerance-clinical') }, 'AllergyIntolerance.code', /required/],
  ['an allergy’s substance needs a code or words', { resourceType: 'AllergyIntolerance', patient: me, clinicalStatus: active('allergyintolerance-clinical'), code: { coding: [{ system: 'http://snomed.info/sct', code: '387494007' }] } }, { resourceType: 'AllergyIntolerance', patient: me, clinicalStatus: active('allergyintolerance-clinical'), code: { coding: [{ system: 'http://snomed.info/sct', display: 'Codeine' }] } }, 'AllergyIntolerance.code', /pick it from the list or type its name/],
  ['a condition needs to say whether it is current', { resourceType: 'Condition', subject: me, clinicalStatus: active('condition-clinical'), code: { text: 'Arthritis' } }, { resourceType: 'Condition', subject: me, code: { text: 'Arthritis' } }, 'Condition.clinicalStatus', /required/],
  ['a condition needs what it is', { resourceType: 'Condition', subject: me, clinicalStatus: active('condition-clinical'), code: { text: 'Arthritis' } }, { resourceType: 'Condition', subject: me, clinicalStatus: active('condition-clinical'), code: {} }, 'Condition.code', /pick it from the list|required|must have/],
  ['a medicine’s dose needs words', { resourceType: 'MedicationStatement', status: 'active', subject: me, medicationCodeableConcept: { text: 'Metformin' }, dosage: [{ text: 'twice a day' }] }, { resourceType: 'MedicationStatement', status: 'active', subject: me, medicationCodeableConcept: { text: 'Metformin' }, dosage: [{ sequence: 1 }] }, 'MedicationStatement.dosage[0]', /in words/],
  ['a medicine needs a name or code', { resourceType: 'MedicationStatement', status: 'active', subject: me, medicationCodeableConcept: { text: 'Metformin' } }, { resourceType: 'MedicationStatement', status: 'active', subject: me, medicationCodeableConcept: { coding: [{ system: 'http://snomed.info/sct' }] } }, 'MedicationStatement', /which medicine/],
  ['an emergency contact needs a way to reach them', { resourceType: 'RelatedPerson', patient: me, name: [{ text: 'Scott' }], relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'C' }] }], telecom: [{ system: 'phone', value: '07700 900789' }] }, { resourceType: 'RelatedPerson', patient: me, name: [{ text: 'Scott' }], relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'C' }] }] }, 'RelatedPerson', /phone number/],
  ['a contact needs who they are to the person', { resourceType: 'RelatedPerson', patient: me, name: [{ text: 'Joan' }], relationship: [{ text: 'neighbour' }] }, { resourceType: 'RelatedPerson', patient: me, name: [{ text: 'Joan' }] }, 'RelatedPerson.relationship', /required/],
  ['a care team member needs a role', { resourceType: 'CareTeam', subject: me, participant: [{ role: [{ text: 'GP' }], member: { display: 'Dr Patel' } }] }, { resourceType: 'CareTeam', subject: me, participant: [{ member: { display: 'Dr Patel' } }] }, 'CareTeam.participant[0].role', /required/],
  ['a goal is written in the person’s words', { resourceType: 'Goal', lifecycleStatus: 'active', subject: me, description: { text: 'Walk to the shops' } }, { resourceType: 'Goal', lifecycleStatus: 'active', subject: me, description: { coding: [{ system: 'http://snomed.info/sct', code: '129006008' }] } }, 'Goal.description', /own words/],
  ['each part of the support plan says what happens', { resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: me, activity: [{ detail: { status: 'scheduled', description: 'Walking group, Wednesdays' } }] }, { resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: me, activity: [{ detail: { status: 'scheduled' } }] }, 'CarePlan.activity[0].detail', /in words/],
  ['a concern says what it is', { resourceType: 'Flag', status: 'active', subject: me, code: { text: 'Not eating' } }, { resourceType: 'Flag', status: 'active', subject: me, code: { coding: [{ system: 'http://snomed.info/sct' }] } }, 'Flag.code', /what the concern is/],
  ['an emergency care plan says whether CPR is recommended', emergencyPlan(true), emergencyPlan(false), 'CarePlan', /resuscitation \(CPR\)/],
  ['a baseline says how the person usually is', { resourceType: 'Observation', status: 'final', subject: me, code: { text: 'Usual mobility' }, valueString: 'Walks with a frame' }, { resourceType: 'Observation', status: 'final', subject: me, code: { text: 'Usual mobility' } }, 'Observation', /how the person usually is/],
  ['a reasonable adjustment says on what basis it is shared', adjustment(true), adjustment(false), 'Flag', /on what basis/],
  ['a share says until when it lasts', consent({ start: '2026-11-20', end: '2026-12-20' }), consent({ start: '2026-11-20' }), 'Consent.provision.period', /until when/],
];

describe('the wallet’s profiles, applied by resource type', () => {
  it.each(cases)('%s', (_name, good, bad, element, message) => {
    expect(errors(good)).toEqual([]);
    const found = errors(bad);
    const issue = found.find((i) => i.expression?.[0] === element);
    expect(issue, JSON.stringify(found)).toBeDefined();
    expect(issue!.details?.text).toMatch(message);
  });

  it('holds a Red Bag summary to its document rules and its Composition to the required sections', () => {
    const example = JSON.parse(readFileSync(`${profileDir}/examples/Bundle-example-summary.json`, 'utf8'));
    expect(errors(example)).toEqual([]);
    const notADocument = { ...example, type: 'collection' };
    expect(errors(notADocument).map((i) => i.details?.text)).toContain('A summary is a FHIR document (Bundle type document).');
    const withoutMedicines = structuredClone(example);
    withoutMedicines.entry[0].resource.section = withoutMedicines.entry[0].resource.section.slice(0, 2);
    const issue = errors(withoutMedicines).find((i) => /medicines \(10160-0\)/.test(i.details?.text ?? ''));
    expect(issue?.expression).toEqual(['Bundle.entry[0].resource.Composition']);
    const compositionFirst = structuredClone(example);
    compositionFirst.entry.reverse();
    expect(errors(compositionFirst).map((i) => i.details?.text)).toContain('A summary starts with its Composition.');
  });

  it('applies a claim-only profile only to resources that claim it (an ordinary support plan is not an emergency plan)', () => {
    expect(errors({ resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: me, activity: [{ detail: { status: 'scheduled', description: 'Walking group' } }] })).toEqual([]);
  });

  it('accepts every example in fhir-profiles/examples', () => {
    const dir = `${profileDir}/examples`;
    for (const file of readdirSync(dir)) {
      expect(errors(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'))), file).toEqual([]);
    }
  });
});
