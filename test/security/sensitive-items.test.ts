import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { add, adminEnv, organisationWithProfessional, share, signUp } from '../sharing/sharing-harness.ts';
import { stores } from './security-harness.ts';

type Auth = { Authorization: string };

const medicine = (patientId: string, medicationCodeableConcept: object) => ({
  resourceType: 'MedicationStatement',
  status: 'active',
  medicationCodeableConcept,
  subject: { reference: `Patient/${patientId}` },
  dosage: [{ text: 'One a day' }],
});

/**
 * Issue 13, finding 1 (its last sentence): sensitivity covered conditions by a short SNOMED list
 * and HL7 labels only, so a medicine that tells what it treats, a condition typed in the person's
 * own words, or a label she set in her own words went out with an ordinary share.
 */
describe.each(stores)('sensitive medicines and the person’s own words stay out of shares (%s)', (kind) => {
  let svc: RunningService;
  let rina: SignedIn;
  let careWorker: Auth;
  const ids = { paracetamol: '', sertraline: '', methadone: '', hivText: '', privateGoal: '', goal: '' };

  beforeAll(async () => {
    svc = await startService(kind, adminEnv);
    rina = await signUp(svc.url, 'Rina', 'Shah', '1966-04-12');
    ids.paracetamol = await add(svc.url, rina, medicine(rina.patientId, { coding: [{ system: 'http://snomed.info/sct', code: '387517004', display: 'Paracetamol' }] }));
    ids.sertraline = await add(svc.url, rina, medicine(rina.patientId, { coding: [{ system: 'https://dmd.nhs.uk', code: '39732311000001104', display: 'Sertraline 50mg tablets' }] }));
    ids.methadone = await add(svc.url, rina, medicine(rina.patientId, { text: 'Methadone 1mg/1ml oral solution' }));
    ids.hivText = await add(svc.url, rina, {
      resourceType: 'Condition',
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      code: { text: 'HIV, well controlled' },
      subject: { reference: `Patient/${rina.patientId}` },
    });
    ids.goal = await add(svc.url, rina, { resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'Walk to the park' }, subject: { reference: `Patient/${rina.patientId}` } });
    ids.privateGoal = await add(svc.url, rina, {
      resourceType: 'Goal',
      lifecycleStatus: 'active',
      meta: { security: [{ display: 'Private: between me and my GP' }] },
      description: { text: 'Sort things out with my brother' },
      subject: { reference: `Patient/${rina.patientId}` },
    });
    const homeCare = await organisationWithProfessional(svc.url, 'home-care-provider', 'home-care-worker', 'Brightside Home Care');
    careWorker = homeCare.professional.auth;
    await add(svc.url, rina, share(rina.patientId, `Organization/${homeCare.organizationId}`, ['MedicationStatement', 'Condition', 'Goal']));
  });
  afterAll(async () => svc.stop());

  it('a medicine that tells what it treats (antidepressant, opioid substitute) is left out of a share of her medicines', async () => {
    await request(svc.url).get(`/fhir/MedicationStatement/${ids.paracetamol}`).set(careWorker).expect(200);
    await request(svc.url).get(`/fhir/MedicationStatement/${ids.sertraline}`).set(careWorker).expect(404);
    await request(svc.url).get(`/fhir/MedicationStatement/${ids.methadone}`).set(careWorker).expect(404);
    const found = await request(svc.url).get('/fhir/MedicationStatement').set(careWorker).expect(200);
    expect(found.body.total).toBe(1);
    expect(found.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([ids.paracetamol]);
  });

  it('a condition written in her own words ("HIV") is left out of a share of her conditions', async () => {
    await request(svc.url).get(`/fhir/Condition/${ids.hivText}`).set(careWorker).expect(404);
    expect((await request(svc.url).get('/fhir/Condition').set(careWorker).expect(200)).body.total).toBe(0);
  });

  it('an item she labelled in her own words is kept to herself', async () => {
    await request(svc.url).get(`/fhir/Goal/${ids.goal}`).set(careWorker).expect(200);
    await request(svc.url).get(`/fhir/Goal/${ids.privateGoal}`).set(careWorker).expect(404);
    expect((await request(svc.url).get('/fhir/Goal').set(careWorker).expect(200)).body.total).toBe(1);
    // She still sees all of it herself.
    expect((await request(svc.url).get('/fhir/MedicationStatement').set(rina.auth).expect(200)).body.total).toBe(3);
    expect((await request(svc.url).get('/fhir/Goal').set(rina.auth).expect(200)).body.total).toBe(2);
  });
});
