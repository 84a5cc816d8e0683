import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllergyIntolerance } from '@medplum/fhirtypes';
import { allergyStatementProblem } from '../../src/record/allergy-statements.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';
import { postgresReachable } from '../support/postgres.ts';
import { startService, type RunningService, type StoreKind } from '../support/service.ts';
import { codeineAllergy } from '../web/red-bag-fixture.ts';

const stores: StoreKind[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];

const active = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] };
const noneKnown = (patientId: string, extra: object = {}) => ({
  resourceType: 'AllergyIntolerance',
  clinicalStatus: active,
  code: { coding: [{ system: 'http://snomed.info/sct', code: '716186003', display: 'No known allergy' }] },
  patient: { reference: `Patient/${patientId}` },
  ...extra,
});

describe('“no known allergies” and an allergy cannot stand together (pure)', () => {
  const nka = noneKnown('p') as AllergyIntolerance;
  const codeine = codeineAllergy('p') as AllergyIntolerance;
  it('names what the write tried to add', () => {
    expect(allergyStatementProblem([codeine, nka], [nka])).toMatch(/^“No known allergies” cannot be recorded while an allergy is recorded/);
    expect(allergyStatementProblem([nka, codeine], [codeine])).toMatch(/^An allergy cannot be added while “no known allergies” is recorded/);
  });
  it('lets a resolved or refuted allergy stand beside the statement', () => {
    const resolved = { ...codeine, clinicalStatus: { coding: [{ code: 'resolved' }] } } as AllergyIntolerance;
    const refuted = { ...codeine, verificationStatus: { coding: [{ code: 'refuted' }] } } as AllergyIntolerance;
    expect(allergyStatementProblem([resolved, refuted, nka], [nka])).toBeUndefined();
  });
});

describe.each(stores)('recording “no known allergies” (%s)', (kind) => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService(kind);
  });
  afterAll(async () => svc?.stop());

  const post = (person: SignedIn, body: object) => request(svc.url).post('/fhir/AllergyIntolerance').set(person.auth).set('Content-Type', fhirJson).send(body);
  const allergiesOf = async (person: SignedIn) => (await request(svc.url).get(`/fhir/AllergyIntolerance?patient=Patient/${person.patientId}`).set(person.auth).expect(200)).body.total as number;
  const summaryAllergies = async (person: SignedIn) => {
    const summary = await request(svc.url).get(`/fhir/Patient/${person.patientId}/$summary`).set(person.auth).expect(200);
    return String(summary.body.entry[0].resource.section[0].text.div);
  };

  it('is a statement of its own: given a seriousness or a reaction, it is refused in plain words and nothing is stored', async () => {
    const rina = await signUp(svc.url, 'Rina', 'Shah');
    const refused = await post(rina, noneKnown(rina.patientId, { criticality: 'high' })).expect(422);
    expect(refused.body.issue[0].details.text).toMatch(/“No known allergies” is a statement, not an allergy/);
    expect(await allergiesOf(rina)).toBe(0);
    await post(rina, noneKnown(rina.patientId)).expect(201);
    expect(await summaryAllergies(rina)).toMatch(/No known allergies \(she has said so\)/);
    expect(await summaryAllergies(rina)).not.toMatch(/HIGH RISK/);
  });

  it('is refused while an allergy is recorded, and an allergy is refused while it stands, each with a 422 saying what to do', async () => {
    const aisha = await signUp(svc.url, 'Aisha', 'Khan', '1945-03-02');
    await post(aisha, codeineAllergy(aisha.patientId)).expect(201);
    const statement = await post(aisha, noneKnown(aisha.patientId)).expect(422);
    expect(statement.body.resourceType).toBe('OperationOutcome');
    expect(statement.body.issue[0].details.text).toMatch(/Remove the allergy first/);
    expect(await allergiesOf(aisha)).toBe(1);
    expect(await summaryAllergies(aisha)).toMatch(/HIGH RISK: Codeine/);

    const rina = await signUp(svc.url, 'Rina', 'Shah');
    const stated = await post(rina, noneKnown(rina.patientId)).expect(201);
    const allergy = await post(rina, codeineAllergy(rina.patientId)).expect(422);
    expect(allergy.body.issue[0].details.text).toMatch(/Remove that statement first/);
    await request(svc.url).delete(`/fhir/AllergyIntolerance/${stated.body.id}`).set(rina.auth).expect(200);
    await post(rina, codeineAllergy(rina.patientId)).expect(201);
    expect(await summaryAllergies(rina)).not.toMatch(/No known allergies/);
  });

  it('refuses both in one transaction, all or nothing', async () => {
    const andrew = await signUp(svc.url, 'Andrew', 'Wilson', '1960-05-05');
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [codeineAllergy(andrew.patientId), noneKnown(andrew.patientId)].map((resource) => ({ resource, request: { method: 'POST', url: 'AllergyIntolerance' } })),
    };
    const refused = await request(svc.url).post('/fhir').set(andrew.auth).set('Content-Type', fhirJson).send(bundle).expect(422);
    expect(JSON.stringify(refused.body)).toMatch(/no known allergies/i);
    expect(await allergiesOf(andrew)).toBe(0);
  });
});
