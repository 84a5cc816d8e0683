import request from 'supertest';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';

/** Aisha with her severe codeine allergy, as the crew must see it. */
export const codeineAllergy = (patientId: string) => ({
  resourceType: 'AllergyIntolerance',
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
  verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
  type: 'allergy',
  category: ['medication'],
  criticality: 'high',
  code: { coding: [{ system: 'http://snomed.info/sct', code: '387494007', display: 'Codeine' }] },
  patient: { reference: `Patient/${patientId}` },
  reaction: [{ manifestation: [{ coding: [{ system: 'http://snomed.info/sct', code: '39579001', display: 'Anaphylaxis' }] }], severity: 'severe' }],
});

/** A person with the allergy recorded, through the public API. */
export async function aishaWithAllergy(url: string): Promise<SignedIn> {
  const aisha = await signUp(url, 'Aisha', 'Khan', '1945-03-02');
  await request(url).post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send(codeineAllergy(aisha.patientId)).expect(201);
  return aisha;
}

/** Her card as the service issues it: the compact JWS. */
export async function issueCard(url: string, person: SignedIn): Promise<string> {
  const res = await request(url).post(`/fhir/Patient/${person.patientId}/$health-cards-issue`).set(person.auth).set('Content-Type', fhirJson).send({ resourceType: 'Parameters' }).expect(200);
  return String(res.body.parameter.find((p: { name: string }) => p.name === 'verifiableCredential').valueString);
}

/** A person with these resources (referring to her as Patient/{{patient}}), through the public API. */
export async function personWithRecord(url: string, resources: object[]): Promise<SignedIn> {
  const person = await signUp(url, 'Aisha', 'Khan', '1945-03-02');
  for (const resource of resources) {
    const body = JSON.parse(JSON.stringify(resource).replaceAll('Patient/{{patient}}', `Patient/${person.patientId}`)) as { resourceType: string };
    await request(url).post(`/fhir/${body.resourceType}`).set(person.auth).set('Content-Type', fhirJson).send(body).expect(201);
  }
  return person;
}
