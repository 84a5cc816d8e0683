import type { AuditEvent, Bundle } from '@medplum/fhirtypes';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';

/**
 * Audit events copy the name of who acted (record/actor-names.ts keeps it a minute so that each
 * logged read need not look it up again): a change of name shows in the very next event.
 */
let svc: RunningService;
let rina: SignedIn;
beforeAll(async () => {
  svc = await startService('sqlite');
  rina = await signUp(svc.url, 'Rina', 'Shah', '1966-02-01');
});
afterAll(async () => svc?.stop());

async function latestWriter(): Promise<string | undefined> {
  const log = await request(svc.url).get('/fhir/AuditEvent?_sort=-date&_count=1&action=C').set(rina.auth).expect(200);
  const event = (log.body as Bundle<AuditEvent>).entry?.[0]?.resource;
  return event?.agent?.[0]?.who?.display;
}

async function addGoal(text: string): Promise<void> {
  await request(svc.url).post('/fhir/Goal').set(rina.auth).set('Content-Type', fhirJson)
    .send({ resourceType: 'Goal', lifecycleStatus: 'active', description: { text }, subject: { reference: `Patient/${rina.patientId}` } })
    .expect(201);
}

it('names her as she is now in the next event after she changes her name', async () => {
  await addGoal('walk to the shop');
  expect(await latestWriter()).toBe('Rina Shah');
  await addGoal('see my grandson');
  expect(await latestWriter()).toBe('Rina Shah');

  const patient = (await request(svc.url).get(`/fhir/Patient/${rina.patientId}`).set(rina.auth).expect(200)).body;
  await request(svc.url).put(`/fhir/Patient/${rina.patientId}`).set(rina.auth).set('Content-Type', fhirJson)
    .send({ ...patient, name: [{ given: ['Rina'], family: 'Patel' }] })
    .expect(200);
  await addGoal('garden again');
  expect(await latestWriter()).toBe('Rina Patel');
});
