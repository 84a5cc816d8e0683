import request from 'supertest';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';

const base = 'https://redbag.example.org/fhir';
const sct = (code: string, display: string) => ({ coding: [{ system: 'http://snomed.info/sct', code, display }], text: display });
const clinical = (system: string) => ({ coding: [{ system: `http://terminology.hl7.org/CodeSystem/${system}`, code: 'active' }] });

/**
 * Aisha with a full record, as a crew would meet her: two allergies, a DNACPR decision, seven
 * health problems, eight medicines with an anticoagulant among the last, contacts, what matters to
 * her, communication needs, baseline, care team and support plan. Made through the public API.
 */
export async function aishaWithFullRecord(url: string): Promise<SignedIn> {
  const aisha = await signUp(url, 'Aisha', 'Khan', '1944-06-14');
  const me = { reference: `Patient/${aisha.patientId}` };
  const resources: object[] = [
    { resourceType: 'AllergyIntolerance', clinicalStatus: clinical('allergyintolerance-clinical'), criticality: 'high', code: sct('387494007', 'Codeine'), patient: me, reaction: [{ manifestation: [sct('39579001', 'Anaphylaxis')], severity: 'severe' }] },
    { resourceType: 'AllergyIntolerance', clinicalStatus: clinical('allergyintolerance-clinical'), code: { text: 'Penicillin' }, patient: me, reaction: [{ manifestation: [{ text: 'Rash' }] }] },
    {
      resourceType: 'CarePlan',
      meta: { profile: [`${base}/StructureDefinition/redbag-emergency-care-plan`] },
      status: 'active',
      intent: 'plan',
      category: [{ coding: [{ system: `${base}/CodeSystem/redbag-plan-kinds`, code: 'emergency-care-treatment-plan' }] }],
      description: 'Treat in hospital if needed; tell my daughter Samira at once',
      subject: me,
      activity: [{ detail: { status: 'in-progress', code: { coding: [{ system: 'http://snomed.info/sct', code: '304253006', display: 'Not for cardiopulmonary resuscitation' }] }, description: 'Not for cardiopulmonary resuscitation' } }],
    },
    ...[
      ['49436004', 'Atrial fibrillation', '2019-03-01'],
      ['44054006', 'Type 2 diabetes mellitus', '2015-06'],
      ['13645005', 'Chronic obstructive lung disease'],
      ['38341003', 'Hypertensive disorder'],
      ['5913000', 'Fracture of neck of femur', '2026-11-10'],
      ['26929004', 'Alzheimer disease'],
      ['709044004', 'Chronic kidney disease'],
    ].map(([code, display, onset]) => ({ resourceType: 'Condition', clinicalStatus: clinical('condition-clinical'), code: sct(code!, display!), subject: me, ...(onset ? { onsetDateTime: onset } : {}) })),
    ...[
      ['109081006', 'Metformin', '500 mg twice a day with food'],
      ['372897005', 'Salbutamol', 'Blue inhaler: two puffs when breathless'],
      ['386864001', 'Amlodipine', '5 mg once a day'],
      ['387517004', 'Paracetamol', 'Two 500 mg tablets up to four times a day for pain'],
      ['372756006', 'Warfarin', 'As the anticoagulation clinic says; yellow book in the red bag'],
      ['108600003', 'Atorvastatin', '20 mg at night'],
      ['96034006', 'Omeprazole', '20 mg in the morning'],
      ['698090000', 'Apixaban', '5 mg twice a day (anticoagulant)'],
    ].map(([code, display, dose]) => ({ resourceType: 'MedicationStatement', status: 'active', medicationCodeableConcept: sct(code!, display!), subject: me, dosage: [{ text: dose }] })),
    { resourceType: 'RelatedPerson', patient: me, relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DAU', display: 'daughter' }] }, { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N', display: 'Next-of-Kin' }] }], name: [{ given: ['Samira'], family: 'Khan' }], telecom: [{ system: 'phone', value: '07700 900123' }] },
    { resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'Get back to my knitting class on Thursdays' }, subject: me },
    { resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'My support plan', subject: me, activity: [{ detail: { status: 'in-progress', description: 'Home care visit every morning to help me wash and dress', scheduledString: 'Daily, 8am' } }] },
    { resourceType: 'CareTeam', status: 'active', subject: me, participant: [{ role: [{ text: 'GP' }], member: { display: 'Dr Patel, Northgate Surgery' } }] },
    {
      resourceType: 'Observation',
      meta: { profile: [`${base}/StructureDefinition/redbag-baseline`] },
      status: 'final',
      code: { coding: [{ system: `${base}/CodeSystem/redbag-baseline`, code: 'usual-mobility', display: 'Usual mobility' }] },
      subject: me,
      effectiveDateTime: '2026-11-01',
      valueString: 'Walks with a frame indoors',
    },
    {
      resourceType: 'Flag',
      meta: { profile: [`${base}/StructureDefinition/redbag-reasonable-adjustment`] },
      extension: [{ url: `${base}/StructureDefinition/reasonable-adjustment-consent-basis`, valueCodeableConcept: { text: 'She agreed' } }],
      status: 'active',
      category: [{ coding: [{ system: `${base}/CodeSystem/redbag-plan-kinds`, code: 'reasonable-adjustment' }] }],
      code: { text: 'Speak slowly and face her: she lip-reads' },
      subject: me,
    },
  ];
  for (const resource of resources) {
    const res = await request(url).post(`/fhir/${(resource as { resourceType: string }).resourceType}`).set(aisha.auth).set('Content-Type', fhirJson).send(resource);
    if (res.status !== 201) throw new Error(`could not record ${JSON.stringify(resource).slice(0, 80)}: ${JSON.stringify(res.body).slice(0, 400)}`);
  }
  return aisha;
}
