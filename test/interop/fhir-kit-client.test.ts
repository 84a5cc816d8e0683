import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'fhir-kit-client';
import { startService, type RunningService } from '../support/service.ts';
import { signUp, type SignedIn } from '../support/people.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A third-party FHIR client, knowing nothing of our code, drives the service on a real port. */
describe('an independent FHIR client (fhir-kit-client)', () => {
  let svc: RunningService;
  let mike: SignedIn;
  let client: InstanceType<typeof Client>;

  beforeAll(async () => {
    svc = await startService('sqlite');
    mike = await signUp(svc.url, 'Mike', 'Jones');
    client = new Client({ baseUrl: `${svc.url}/fhir`, bearerToken: mike.token });
  });
  afterAll(async () => svc?.stop());

  it('reads the CapabilityStatement', async () => {
    const cs = (await client.capabilityStatement()) as Json;
    expect(cs.resourceType).toBe('CapabilityStatement');
  });

  it('creates, reads, searches, updates and reads history', async () => {
    const created = (await client.create({
      resourceType: 'Condition',
      body: {
        resourceType: 'Condition',
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
        code: { coding: [{ system: 'http://snomed.info/sct', code: '13645005', display: 'Chronic obstructive lung disease' }] },
        subject: { reference: `Patient/${mike.patientId}` },
      },
    })) as Json;
    expect(created.id).toBeTruthy();

    const read = (await client.read({ resourceType: 'Condition', id: created.id })) as Json;
    expect(read.code.coding[0].code).toBe('13645005');

    const found = (await client.search({ resourceType: 'Condition', searchParams: { code: '13645005' } })) as Json;
    expect(found.total).toBe(1);
    expect(found.entry[0].resource.id).toBe(created.id);

    const updated = (await client.update({ resourceType: 'Condition', id: created.id, body: { ...read, note: [{ text: "Uses a blue inhaler" }] } as never })) as Json;
    expect(updated.meta.versionId).toBe('2');

    const history = (await client.history({ resourceType: 'Condition', id: created.id })) as Json;
    expect(history.total).toBe(2);
  });

  it('posts a transaction', async () => {
    const response = (await client.transaction({
      body: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: 'urn:uuid:0b7d0d32-5a43-4a55-9fb0-1d4fb3a2e6a1',
            resource: { resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'Keep going to Breathe Easy on Tuesdays' }, subject: { reference: `Patient/${mike.patientId}` } },
            request: { method: 'POST', url: 'Goal' },
          },
          {
            resource: { resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: { reference: `Patient/${mike.patientId}` }, goal: [{ reference: 'urn:uuid:0b7d0d32-5a43-4a55-9fb0-1d4fb3a2e6a1' }] },
            request: { method: 'POST', url: 'CarePlan' },
          },
        ],
      },
    })) as Json;
    expect(response.type).toBe('transaction-response');
    const plan = (await client.search({ resourceType: 'CarePlan', searchParams: { _include: 'CarePlan:goal' } })) as Json;
    expect(plan.entry.map((e: Json) => e.resource.resourceType).sort()).toEqual(['CarePlan', 'Goal']);
  });
});
