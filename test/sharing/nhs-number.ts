import request from 'supertest';
import { fhirJson, type SignedIn } from '../support/people.ts';

/** Gives a signed-up person an NHS number (as she types it: not verified), through her own record. */
export async function withNhsNumber(url: string, person: SignedIn, nhsNumber: string): Promise<void> {
  const patient = (await request(url).get(`/fhir/Patient/${person.patientId}`).set(person.auth).expect(200)).body;
  await request(url).put(`/fhir/Patient/${person.patientId}`).set(person.auth).set('Content-Type', fhirJson)
    .send({ ...patient, identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber }] }).expect(200);
}
