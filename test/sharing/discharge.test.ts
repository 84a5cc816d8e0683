import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirJson } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { add, adminEnv, organisationWithProfessional, share, signUp } from './sharing-harness.ts';
import { waitForEmails } from './mail-harness.ts';

describe('Andrew’s discharge: the coordinator gives back a summary and proposes a change to his plan', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite', adminEnv);
  });
  afterAll(async () => svc.stop());

  it('the summary lands in his record for him and his home-care provider; he accepts one proposal and declines another', async () => {
    const hospital = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator', 'Northgate Hospital discharge team');
    const homeCare = await organisationWithProfessional(svc.url, 'home-care-provider', 'home-care-worker', 'Brightside Home Care');
    const andrew = await signUp(svc.url, 'Andrew', 'Wilson', '1960-05-01');
    const me = `Patient/${andrew.patientId}`;
    const plan = await add(svc.url, andrew, { resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'Support at home', description: 'Daughter shops on Saturdays', subject: { reference: me } });
    await add(svc.url, andrew, share(andrew.patientId, `Organization/${hospital.organizationId}`, ['CarePlan', 'Goal', 'RelatedPerson', 'CareTeam']));
    await add(svc.url, andrew, share(andrew.patientId, `Organization/${homeCare.organizationId}`, ['CarePlan', 'Composition', 'Flag'], { actions: ['access', 'collect'] }));
    const coordinator = hospital.professional.auth;

    const summary = {
      resourceType: 'Composition',
      status: 'final',
      type: { coding: [{ system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' }] },
      subject: { reference: me },
      date: new Date().toISOString(),
      author: [{ reference: `PractitionerRole/${hospital.practitionerRoleId}` }],
      title: 'Discharge summary: Northgate Hospital, ward 7',
      section: [
        { title: 'What happened', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Broken hip (left), repaired on 2 March.</div>' } },
        { title: 'Medicine changes', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Started: paracetamol 1 g four times a day for two weeks.</div>' } },
        { title: 'Follow-up', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Fracture clinic in 6 weeks.</div>' } },
        { title: 'Support needed at home', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Help washing and dressing each morning for 4 weeks.</div>' } },
      ],
    };
    const composition = await request(svc.url).post('/fhir/Composition').set(coordinator).set('Content-Type', fhirJson).send(summary).expect(201);
    const document = await request(svc.url).get(`/fhir/Composition/${composition.body.id}/$document`).set(andrew.auth).expect(200);
    expect(document.body).toMatchObject({ resourceType: 'Bundle', type: 'document' });
    expect(document.body.entry[0].resource.title).toBe('Discharge summary: Northgate Hospital, ward 7');
    expect(document.body.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).toEqual(['Composition', 'Patient', 'PractitionerRole']);
    await request(svc.url).get(`/fhir/Composition/${composition.body.id}`).set(homeCare.professional.auth).expect(200);

    const proposal = (body: Record<string, unknown>) => request(svc.url).post('/fhir/CarePlan').set(coordinator).set('Content-Type', fhirJson).send({ resourceType: 'CarePlan', subject: { reference: me }, ...body });
    await proposal({ status: 'active', intent: 'plan', title: 'Not allowed' }).expect(403);
    const proposed = await proposal({ status: 'draft', intent: 'proposal', title: 'Support at home after the hip', description: 'Carer visits each morning for 4 weeks; daughter shops on Saturdays', replaces: [{ reference: `CarePlan/${plan}` }] }).expect(201);
    const other = await proposal({ status: 'draft', intent: 'proposal', title: 'Move to a care home' }).expect(201);

    const open = await request(svc.url).get('/fhir/CarePlan?intent=proposal&status=draft').set(andrew.auth).expect(200);
    expect(open.body.total).toBe(2);
    // He is told of the summary and of each proposal, so he knows there is something to answer.
    const told = ((await request(svc.url).get('/notifications').set(andrew.auth).expect(200)).body.notifications as { kind: string; text: string }[])
      .filter((n) => n.kind === 'added-by-professional').map((n) => n.text).sort();
    expect(told).toEqual([
      'Sam Patel (Northgate Hospital discharge team) added a discharge summary to your record: what happened, changes to medicines, and what comes next.',
      'Sam Patel (Northgate Hospital discharge team) proposed a change to the support plan in your record. Look at it, then accept or decline it.',
      'Sam Patel (Northgate Hospital discharge team) proposed a change to the support plan in your record. Look at it, then accept or decline it.',
    ]);
    await waitForEmails(svc, [andrew.email], /Sam Patel \(Northgate Hospital discharge team\) proposed a change to the support plan$/);
    await request(svc.url).post(`/fhir/CarePlan/${proposed.body.id}/$accept`).set(coordinator).expect(403); // only he decides
    const accepted = await request(svc.url).post(`/fhir/CarePlan/${proposed.body.id}/$accept`).set(andrew.auth).expect(200);
    expect(accepted.body).toMatchObject({ intent: 'plan', status: 'active' });
    expect((await request(svc.url).get(`/fhir/CarePlan/${plan}`).set(andrew.auth).expect(200)).body.status).toBe('revoked');
    const declined = await request(svc.url).post(`/fhir/CarePlan/${other.body.id}/$decline`).set(andrew.auth).expect(200);
    expect(declined.body.status).toBe('revoked');
    await request(svc.url).post(`/fhir/CarePlan/${other.body.id}/$accept`).set(andrew.auth).expect(409);
  });
});
