import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirJson } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { codeineAllergy } from '../web/red-bag-fixture.ts';
import { add, adminEnv, condition, organisationWithProfessional, signUp } from './sharing-harness.ts';
import { waitForEmails } from './mail-harness.ts';

describe('emergency access ("break glass")', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite', adminEnv);
  });
  afterAll(async () => svc.stop());

  it('a paramedic opens Aisha’s summary without consent by giving a reason; it is flagged in her log and she and her carer are told', async () => {
    const crew = await organisationWithProfessional(svc.url, 'gp-practice', 'clinician', 'North West Ambulance Service');
    const aisha = await signUp(svc.url, 'Aisha', 'Khan', '1945-03-02');
    await add(svc.url, aisha, codeineAllergy(aisha.patientId));
    await add(svc.url, aisha, condition(aisha.patientId, '35489007', 'Depressive disorder'));
    const daughter = await signUp(svc.url, 'Sara', 'Khan', '1975-03-02');
    const code = (await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/carer-invitations`).set(aisha.auth).send({ rights: 'view' }).expect(201)).body.code;
    await request(svc.url).post('/carers/accept').set(daughter.auth).send({ code }).expect(201);

    const paramedic = crew.professional.auth;
    await request(svc.url).get(`/fhir/Patient/${aisha.patientId}/$summary`).set(paramedic).expect(404); // no consent, no emergency yet
    const noReason = await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$emergency-access`).set(paramedic).send({ reason: 'x' }).expect(400);
    expect(noReason.body.issue[0].expression).toEqual(['reason']);
    const opened = await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$emergency-access`).set(paramedic).set('Content-Type', fhirJson)
      .send({ resourceType: 'Parameters', parameter: [{ name: 'reason', valueString: 'Found on the floor after a fall, confused, cannot give history' }] }).expect(201);
    expect(new Date(opened.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(55 * 60_000);

    const summary = await request(svc.url).get(`/fhir/Patient/${aisha.patientId}/$summary`).set(paramedic).expect(200);
    const types = summary.body.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType);
    expect(types).toContain('AllergyIntolerance');
    await request(svc.url).post('/fhir/Condition').set(paramedic).set('Content-Type', fhirJson).send(condition(aisha.patientId, '5913000', 'Fracture of neck of femur')).expect(403); // read only

    const log = await request(svc.url).get(`/fhir/Patient/${aisha.patientId}/access-log`).set(aisha.auth).expect(200);
    expect(log.body.entries.map((e: { text: string }) => e.text)).toContainEqual(expect.stringMatching(/^North West Ambulance Service \(Sam Patel\) opened your Red Bag summary in an emergency, without your permission on /));
    // She is told in the portal, with the reason; her carer too, naming her.
    const hers = (await request(svc.url).get('/notifications').set(aisha.auth).expect(200)).body.notifications;
    expect(hers.find((n: { kind: string }) => n.kind === 'emergency-access').text).toMatch(/Sam Patel \(North West Ambulance Service\) opened your record in an emergency, without asking first\. The reason they gave: “Found on the floor/);
    const carers = (await request(svc.url).get('/notifications').set(daughter.auth).expect(200)).body.notifications;
    expect(carers.find((n: { kind: string }) => n.kind === 'emergency-access').text).toMatch(/opened Aisha Khan’s record in an emergency/);
    // And by email (written to files in development), which says who and when but not the reason.
    const emails = await waitForEmails(svc, [aisha.email, daughter.email], /opened in an emergency/);
    for (const email of emails) {
      expect(email.text).toMatch(/by Sam Patel \(North West Ambulance Service\)\. Sign in to see the reason/);
      expect(email.text).not.toMatch(/floor/);
    }
    // Nothing of it goes into her record, where a share of her notes would show it to others.
    expect((await request(svc.url).get(`/fhir/Communication?patient=Patient/${aisha.patientId}`).set(aisha.auth).expect(200)).body.total).toBe(0);
  });

  it('only clinicians can break the glass', async () => {
    const homeCare = await organisationWithProfessional(svc.url, 'home-care-provider', 'home-care-worker', 'Brightside');
    const aisha = await signUp(svc.url, 'Aisha', 'Two', '1945-03-02');
    await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$emergency-access`).set(homeCare.professional.auth).send({ reason: 'I would like to see her record please' }).expect(403);
    await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$emergency-access`).set(aisha.auth).send({ reason: 'I would like to see her record please' }).expect(403);
  });
});
