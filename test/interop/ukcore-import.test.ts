import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startService, type RunningService } from '../support/service.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';

const dir = new URL('../fixtures/ukcore/', import.meta.url).pathname;
const examplePatient = 'Patient/UKCore-Patient-RichardSmith-Example';

/**
 * Examples published by NHS England, taken as real third-party input. Each either imports into a
 * person's record (her Patient standing in for the example's) or is refused for the reason listed.
 */
const refused: Record<string, { status: number; because: RegExp }> = {
  // Not valid R4 JSON as converted from the XML originals: numbers written as strings ("period": "1").
  'UKCore-CarePlan-WellnessPlan-Example.json': { status: 422, because: /repeat\.period must be a JSON number/ },
  'UKCore-MedicationStatement-Amoxicillin-Example.json': { status: 422, because: /repeat\.period must be a JSON number/ },
  'UKCore-Patient-RichardSmith-Example.json': { status: 422, because: /repeat\.period must be a JSON number/ },
  'UKCore-RelatedPerson-JoySmith-Example.json': { status: 422, because: /repeat\.period must be a JSON number/ },
  // Not valid R4 JSON: "fhir_comments" is a DSTU2 convention, not an R4 element.
  'UKCore-AllergyIntolerance-Sn-DrugAllergy-Example.json': { status: 422, because: /fhir_comments/ },
  'UKCore-AllergyIntolerance-Sn-NegHandlNoKnownAllergies-Example.json': { status: 422, because: /fhir_comments/ },
  'UKCore-AllergyIntolerance-Sn-NonDrugAllergy-Example.json': { status: 422, because: /fhir_comments/ },
  // Valid R4, but the wallet's CareTeam profile needs each member's role (what they do for the person).
  'UKCore-CareTeam-WeightManagementTeam-Example.json': { status: 422, because: /CareTeam\.participant\[0\]\.role is required/ },
  // Valid R4, but a Consent in the wallet is a sharing grant: it must say with whom, what and until when.
  'UKCore-Consent-ForInformationAccess-Example.json': { status: 422, because: /Consent\.provision\.(period|actor|class) is required/ },
  // Valid R4, but the wallet's Patient profile needs a date of birth (crews use it to confirm identity).
  'UKCore-Patient-Sn-Makaton-Example.json': { status: 422, because: /Patient\.birthDate is required/ },
  'UKCore-Patient-Sn-SingleLanguage-Example.json': { status: 422, because: /Patient\.birthDate is required/ },
};

describe('UK Core examples import into a person’s record', () => {
  let svc: RunningService;
  let richard: SignedIn;
  beforeAll(async () => {
    svc = await startService('sqlite');
    richard = await signUp(svc.url, 'Richard', 'Smith');
  });
  afterAll(async () => svc?.stop());

  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  it('has the examples to test', () => expect(files.length).toBeGreaterThanOrEqual(15));

  it.each(files)('%s', async (file) => {
    const text = readFileSync(join(dir, file), 'utf8').replaceAll(examplePatient, `Patient/${richard.patientId}`);
    const resource = JSON.parse(text) as { resourceType: string; id?: string };
    const api = request(svc.url);
    let res: request.Response;
    if (resource.resourceType === 'Patient') {
      // A person has one Patient: an example Patient replaces its content.
      const current = await api.get(`/fhir/Patient/${richard.patientId}`).set(richard.auth).expect(200);
      res = await api.put(`/fhir/Patient/${richard.patientId}`).set(richard.auth).set('Content-Type', fhirJson).send({ ...resource, id: richard.patientId, meta: current.body.meta });
    } else {
      res = await api.post(`/fhir/${resource.resourceType}`).set(richard.auth).set('Content-Type', fhirJson).send(resource);
    }
    const expected = refused[file];
    if (expected) {
      expect(res.status).toBe(expected.status);
      expect(JSON.stringify(res.body.issue)).toMatch(expected.because);
    } else {
      expect(res.status, JSON.stringify(res.body.issue ?? '')).toBeLessThan(300);
      const back = await api.get(`/fhir/${resource.resourceType}/${res.body.id}`).set(richard.auth).expect(200);
      expect(back.body.resourceType).toBe(resource.resourceType);
    }
  });
});
