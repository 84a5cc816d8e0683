import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirJson } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { add, adminEnv, organisationWithProfessional, share, signUp } from './sharing-harness.ts';
import { withNhsNumber } from './nhs-number.ts';

/** Issue 14, item 5: what the portal asks of the service so professionals can act in it. */
describe('professionals in the portal: what their access covers, who wrote what, emergency access by NHS number', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite', adminEnv);
  });
  afterAll(async () => svc.stop());


  it('a coordinator learns what Andrew shares and until when, may propose and write a summary only as herself; others learn nothing', async () => {
    const hospital = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator', 'Northgate Hospital discharge team');
    const other = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator', 'Southgate Hospital');
    const andrew = await signUp(svc.url, 'Andrew', 'Wilson', '1960-05-01');
    const me = `Patient/${andrew.patientId}`;
    const end = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await add(svc.url, andrew, share(andrew.patientId, `Organization/${hospital.organizationId}`, ['CarePlan', 'Goal', 'RelatedPerson', 'CareTeam'], { end }));
    const coordinator = hospital.professional.auth;

    const covered = (await request(svc.url).get(`/fhir/Patient/${andrew.patientId}/$my-access`).set(coordinator).expect(200)).body;
    expect(covered.resourceTypes.sort()).toEqual(['CarePlan', 'CareTeam', 'Goal', 'Patient', 'RelatedPerson']);
    expect(covered.sharedUntil).toBe(end);
    expect(covered.emergencyUntil).toBeUndefined();
    expect(covered.may).toEqual({ addNotes: false, proposeChange: true, writeSummary: true, openEmergency: false });
    // Not shared with her: the same 404 as for a record that does not exist.
    const refused = await request(svc.url).get(`/fhir/Patient/${andrew.patientId}/$my-access`).set(other.professional.auth).expect(404);
    expect(refused.body.issue[0].details.text).toBe((await request(svc.url).get('/fhir/Patient/nobody/$my-access').set(other.professional.auth).expect(404)).body.issue[0].details.text.replace('nobody', andrew.patientId));
    await request(svc.url).get(`/fhir/Patient/${andrew.patientId}/$my-access`).expect(401);

    // "Who proposed it" is shown to Andrew, so it must be true: only herself (or her organisation) as author.
    const proposal = (author: string) => ({ resourceType: 'CarePlan', status: 'draft', intent: 'proposal', subject: { reference: me }, title: 'Support at home', author: { reference: author } });
    const forged = await request(svc.url).post('/fhir/CarePlan').set(coordinator).set('Content-Type', fhirJson).send(proposal(`PractitionerRole/${other.practitionerRoleId}`)).expect(403);
    expect(forged.body.issue[0].details.text).toMatch(/^Name yourself/);
    await request(svc.url).post('/fhir/CarePlan').set(coordinator).set('Content-Type', fhirJson).send(proposal(`PractitionerRole/${hospital.practitionerRoleId}`)).expect(201);
    await request(svc.url).post('/fhir/CarePlan').set(coordinator).set('Content-Type', fhirJson).send(proposal(`Organization/${hospital.organizationId}`)).expect(201);
    const summary = (author: { reference?: string; display?: string }) => ({
      resourceType: 'Composition', status: 'final', subject: { reference: me }, date: new Date().toISOString(), title: 'Discharge summary', author: [author],
      type: { coding: [{ system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' }] },
      section: [{ title: 'What happened', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Hip repaired.</div>' } }],
    });
    await request(svc.url).post('/fhir/Composition').set(coordinator).set('Content-Type', fhirJson).send(summary({ display: 'Dr Someone Else' })).expect(403);
    await request(svc.url).post('/fhir/Composition').set(coordinator).set('Content-Type', fhirJson).send(summary({ reference: `PractitionerRole/${hospital.practitionerRoleId}` })).expect(201);
    // Andrew writes in his own record as before, with whatever author he likes.
    await add(svc.url, andrew, { resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: { reference: me }, title: 'Mine', author: { reference: me } });
  });

  it('a paramedic finds a person by NHS number and date of birth, opens emergency access with a reason and learns when it ends', async () => {
    const crew = await organisationWithProfessional(svc.url, 'gp-practice', 'clinician', 'North West Ambulance Service');
    const homeCare = await organisationWithProfessional(svc.url, 'home-care-provider', 'home-care-worker', 'Brightside Home Care');
    const aisha = await signUp(svc.url, 'Aisha', 'Khan', '1945-03-02');
    await withNhsNumber(svc.url, aisha, '9990000018');
    const paramedic = crew.professional.auth;
    const open = (who: Record<string, string>, body: Record<string, string>) => request(svc.url).post('/fhir/Patient/$emergency-access').set(who).send(body);
    const reason = 'Found on the floor after a fall, confused';

    const bad = await open(paramedic, { nhsNumber: '12345', birthDate: '2 March 1945', reason: 'fall' }).expect(400);
    expect(bad.body.issue.map((i: { expression: string[] }) => i.expression[0]).sort()).toEqual(['birthDate', 'nhsNumber', 'reason']);
    await open(homeCare.professional.auth, { nhsNumber: '9990000018', birthDate: '1945-03-02', reason }).expect(403); // not a clinician: nothing found or opened
    const wrongBirth = await open(paramedic, { nhsNumber: '999 000 0018', birthDate: '1945-03-03', reason }).expect(404);
    expect(wrongBirth.body.issue[0].details.text).toMatch(/^No Red Bag record has that NHS number and date of birth/);
    await request(svc.url).get(`/fhir/Patient/${aisha.patientId}/$my-access`).set(paramedic).expect(404); // nothing opened yet

    const opened = await open(paramedic, { nhsNumber: '999 000 0018', birthDate: '1945-03-02', reason }).expect(201);
    expect(opened.body.patientId).toBe(aisha.patientId);
    expect(new Date(opened.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(55 * 60_000);
    const covered = (await request(svc.url).get(`/fhir/Patient/${aisha.patientId}/$my-access`).set(paramedic).expect(200)).body;
    expect(covered.emergencyUntil).toBe(opened.body.expiresAt);
    expect(covered.sharedUntil).toBeUndefined();
    expect(covered.resourceTypes).toEqual(expect.arrayContaining(['AllergyIntolerance', 'Condition', 'MedicationStatement', 'CarePlan', 'RelatedPerson']));
    expect(covered.resourceTypes).not.toContain('Composition');
    expect(covered.may).toMatchObject({ openEmergency: true, proposeChange: false, addNotes: false });

  });
});
