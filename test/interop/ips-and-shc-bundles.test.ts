import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Bundle } from '@medplum/fhirtypes';
import { startService, type RunningService } from '../support/service.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';

const shared = new URL('../fixtures/', import.meta.url).pathname;
const json = (path: string) => JSON.parse(readFileSync(`${shared}${path}`, 'utf8')) as Bundle;

describe('summaries made by other systems', () => {
  let svc: RunningService;
  let rina: SignedIn;
  beforeAll(async () => {
    svc = await startService('sqlite');
    rina = await signUp(svc.url, 'Rina', 'Shah');
  });
  afterAll(async () => svc?.stop());

  it('a person imports the HL7 IPS example and sees its allergy, problem and medicine in her record', async () => {
    const martha = await signUp(svc.url, 'Martha', 'DeLarosa', '1972-05-01');
    const res = await request(svc.url).post(`/fhir/Patient/${martha.patientId}/$import-summary`).set(martha.auth).set('Content-Type', fhirJson).send(json('ips/bundle-minimal.json'));
    expect(res.status, JSON.stringify(res.body.issue ?? '')).toBe(200);
    expect(res.body.entry.map((e: { response: { status: string } }) => e.response.status)).toEqual(['201 Created', '201 Created', '201 Created']);
    const everything = await request(svc.url).get(`/fhir/Patient/${martha.patientId}/$everything`).set(martha.auth).expect(200);
    const byType = new Map(everything.body.entry.map((e: { resource: { resourceType: string } }) => [e.resource.resourceType, e.resource]));
    expect([...byType.keys()].sort()).toEqual(['AllergyIntolerance', 'Condition', 'MedicationStatement', 'Patient']);
    const medicine = byType.get('MedicationStatement') as { medicationCodeableConcept: { coding: Array<{ code: string }> }; subject: { reference: string } };
    expect(medicine.subject.reference).toBe(`Patient/${martha.patientId}`);
    expect(medicine.medicationCodeableConcept.coding[0]!.code).toBeTruthy(); // the Medication's code, copied in
    expect(JSON.stringify(everything.body)).not.toMatch(/urn:uuid/);
  });

  it('someone else’s summary (another date of birth) is refused and nothing is stored', async () => {
    const res = await request(svc.url).post(`/fhir/Patient/${rina.patientId}/$import-summary`).set(rina.auth).set('Content-Type', fhirJson).send(json('ips/bundle-minimal.json')).expect(422);
    expect(res.body.issue[0].details.text).toMatch(/born on 1972-05-01.*Nothing was imported/);
    const count = await request(svc.url).get('/fhir/Condition?_summary=count').set(rina.auth).expect(200);
    expect(count.body.total).toBe(0);
  });

  it('a summary cannot be imported into another person’s record', async () => {
    const martha = await signUp(svc.url, 'Martha', 'Other', '1972-05-01');
    await request(svc.url).post(`/fhir/Patient/${martha.patientId}/$import-summary`).set(rina.auth).set('Content-Type', fhirJson).send(json('ips/bundle-minimal.json')).expect(404);
  });

  it('the IPS document posted as it is gets a clear reason: only transaction or batch Bundles are taken at /fhir', async () => {
    const res = await request(svc.url).post('/fhir').set(rina.auth).set('Content-Type', fhirJson).send(json('ips/bundle-minimal.json')).expect(400);
    expect(res.body.issue[0].details.text).toMatch(/transaction or batch/);
  });

  it('a SMART Health Card bundle (immunisations) is refused with the reason: the wallet keeps no Immunization', async () => {
    const card = json('shc/example-00-a-fhirBundle.json');
    const immunization = card.entry!.find((e) => e.resource?.resourceType === 'Immunization')!.resource!;
    const res = await request(svc.url).post('/fhir/Immunization').set(rina.auth).set('Content-Type', fhirJson).send(immunization).expect(404);
    expect(res.body.issue[0].details.text).toMatch(/does not keep resources of type "Immunization"/);
  });
});
