import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Bundle } from '@medplum/fhirtypes';
import { startService, type RunningService } from '../support/service.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';

const shared = new URL('../../../shared/interop/', import.meta.url).pathname;
const json = (path: string) => JSON.parse(readFileSync(`${shared}${path}`, 'utf8')) as Bundle;

describe('summaries made by other systems', () => {
  let svc: RunningService;
  let rina: SignedIn;
  beforeAll(async () => {
    svc = await startService('sqlite');
    rina = await signUp(svc.url, 'Rina', 'Shah');
  });
  afterAll(async () => svc?.stop());

  it('the HL7 IPS example document: its allergy, problem and medicine import into a person’s record as a transaction', async () => {
    const ips = json('ips/bundle-minimal.json');
    const patientUrl = ips.entry!.find((e) => e.resource?.resourceType === 'Patient')!.fullUrl!;
    // Her own Patient stands in for the document's; the clinical entries go in as they are.
    const text = JSON.stringify(ips).replaceAll(patientUrl, `Patient/${rina.patientId}`);
    const entries = (JSON.parse(text) as Bundle).entry!.filter((e) => ['AllergyIntolerance', 'Condition', 'MedicationStatement'].includes(e.resource!.resourceType));
    const transaction: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: entries.map((e) => ({ fullUrl: e.fullUrl, resource: e.resource, request: { method: 'POST', url: e.resource!.resourceType } })),
    };
    const res = await request(svc.url).post('/fhir').set(rina.auth).set('Content-Type', fhirJson).send(transaction);
    expect(res.status, JSON.stringify(res.body.issue ?? '')).toBe(200);
    expect(res.body.entry.map((e: { response: { status: string } }) => e.response.status)).toEqual(['201 Created', '201 Created', '201 Created']);
    const everything = await request(svc.url).get(`/fhir/Patient/${rina.patientId}/$everything`).set(rina.auth).expect(200);
    const types = everything.body.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType).sort();
    expect(types).toEqual(['AllergyIntolerance', 'Condition', 'MedicationStatement', 'Patient']);
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
