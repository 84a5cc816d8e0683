import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirJson } from '../support/people.ts';
import { codeineAllergy } from '../web/red-bag-fixture.ts';
import { describeOnStore, postgresReachable } from '../support/postgres.ts';
import { startService, type RunningService, type StoreKind } from '../support/service.ts';
import { add, adminEnv, condition, goal, organisationWithProfessional, share, signUp } from './sharing-harness.ts';

/** Both stores always; PostgreSQL suites show as skipped (with the reason) when no server answers outside CI. */
const pgUp = await postgresReachable();
const stores: StoreKind[] = ['sqlite', 'postgres'];

for (const kind of stores) describeOnStore(kind, pgUp, `Andrew shares his plan with the hospital (${kind})`, () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService(kind, adminEnv);
  });
  afterAll(async () => svc.stop());

  it('the coordinator sees exactly what he shared, with totals and paging counted after the filter, until he revokes it', async () => {
    const hospital = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator');
    const pro = hospital.professional.auth;
    const andrew = await signUp(svc.url, 'Andrew', 'Wilson', '1960-05-01');
    const rina = await signUp(svc.url, 'Rina', 'Shah', '1966-04-12');
    await add(svc.url, rina, goal(rina.patientId, 'Keep on top of appointments'));
    const hip = await add(svc.url, andrew, condition(andrew.patientId, '5913000', 'Fracture of neck of femur'));
    await add(svc.url, andrew, condition(andrew.patientId, '44054006', 'Type 2 diabetes mellitus'));
    const depression = await add(svc.url, andrew, condition(andrew.patientId, '35489007', 'Depressive disorder'));
    await add(svc.url, andrew, goal(andrew.patientId, 'Home before the football'));
    const allergy = await add(svc.url, andrew, codeineAllergy(andrew.patientId));

    // Before any share: nothing, and no 403 that would say a record exists.
    expect((await request(svc.url).get('/fhir/Patient').set(pro).expect(200)).body.total).toBe(0);
    await request(svc.url).get(`/fhir/Condition/${hip}`).set(pro).expect(404);

    const consent = await add(svc.url, andrew, share(andrew.patientId, `Organization/${hospital.organizationId}`, ['Condition', 'Goal']));

    const people = await request(svc.url).get('/fhir/Patient').set(pro).expect(200);
    expect(people.body.total).toBe(1);
    expect(people.body.entry[0].resource.id).toBe(andrew.patientId);

    // Three conditions, one of them sensitive (depression): the share shows two, and counts two.
    const page1 = await request(svc.url).get('/fhir/Condition?_count=1&_sort=_lastUpdated').set(pro).expect(200);
    expect(page1.body.total).toBe(2);
    expect(page1.body.entry).toHaveLength(1);
    const next = page1.body.link.find((l: { relation: string }) => l.relation === 'next');
    expect(next).toBeDefined();
    const page2 = await request(svc.url).get(new URL(next.url).pathname + new URL(next.url).search).set(pro).expect(200);
    expect(page2.body.entry).toHaveLength(1);
    expect(page2.body.link.find((l: { relation: string }) => l.relation === 'next')).toBeUndefined();
    const shown = [page1, page2].map((p) => p.body.entry[0].resource.code.coding[0].display).sort();
    expect(shown).toEqual(['Fracture of neck of femur', 'Type 2 diabetes mellitus']);
    expect((await request(svc.url).get('/fhir/Condition?_summary=count').set(pro).expect(200)).body.total).toBe(2);
    await request(svc.url).get(`/fhir/Condition/${depression}`).set(pro).expect(404);
    await request(svc.url).get(`/fhir/AllergyIntolerance/${allergy}`).set(pro).expect(404);
    expect((await request(svc.url).get('/fhir/AllergyIntolerance').set(pro).expect(200)).body.total).toBe(0);
    expect((await request(svc.url).get('/fhir/Goal').set(pro).expect(200)).body.total).toBe(1); // his, not Rina's
    // She can see the condition, so she is told plainly that its history is not hers to read.
    expect((await request(svc.url).get(`/fhir/Condition/${hip}/_history`).set(pro).expect(403)).body.resourceType).toBe("OperationOutcome");
    // $everything through the share: only the shared parts.
    const everything = await request(svc.url).get(`/fhir/Patient/${andrew.patientId}/$everything`).set(pro).expect(200);
    expect([...new Set(everything.body.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType))].sort()).toEqual(['Condition', 'Goal', 'Patient']);
    // She cannot change what he shared.
    await request(svc.url).put(`/fhir/Condition/${hip}`).set(pro).set('Content-Type', fhirJson).send({ ...condition(andrew.patientId, '5913000', 'x'), id: hip }).expect(403);

    // He revokes: the very next request is refused.
    const current = (await request(svc.url).get(`/fhir/Consent/${consent}`).set(andrew.auth).expect(200)).body;
    await request(svc.url).put(`/fhir/Consent/${consent}`).set(andrew.auth).set('Content-Type', fhirJson).send({ ...current, status: 'inactive' }).expect(200);
    await request(svc.url).get(`/fhir/Condition/${hip}`).set(pro).expect(404);
    expect((await request(svc.url).get('/fhir/Condition').set(pro).expect(200)).body.total).toBe(0);
    expect((await request(svc.url).get('/fhir/Patient').set(pro).expect(200)).body.total).toBe(0);
  });

  it('a share that names mental health includes it; an expired share lets nobody in', async () => {
    const homeCare = await organisationWithProfessional(svc.url, 'home-care-provider', 'home-care-worker', 'Brightside Home Care');
    const andrew = await signUp(svc.url, 'Andrew', 'Two', '1960-05-01');
    const depression = await add(svc.url, andrew, condition(andrew.patientId, '35489007', 'Depressive disorder'));
    await add(svc.url, andrew, share(andrew.patientId, `Organization/${homeCare.organizationId}`, ['Condition'], { labels: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] }));
    await request(svc.url).get(`/fhir/Condition/${depression}`).set(homeCare.professional.auth).expect(200);

    const gp = await organisationWithProfessional(svc.url, 'gp-practice', 'clinician', 'Riverside Surgery');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const expired = share(andrew.patientId, `Organization/${gp.organizationId}`, ['Condition'], { end: yesterday, labels: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] });
    await add(svc.url, andrew, { ...expired, provision: { ...expired.provision, period: { start: '2026-01-01', end: yesterday } } });
    await request(svc.url).get(`/fhir/Condition/${depression}`).set(gp.professional.auth).expect(404);
  });

  it('a home-care worker adds a concern where he allowed notes; every access and change is in his log, and the log cannot be changed', async () => {
    const homeCare = await organisationWithProfessional(svc.url, 'home-care-provider', 'home-care-worker', 'Brightside Home Care');
    const andrew = await signUp(svc.url, 'Andrew', 'Three', '1960-05-01');
    const plan = await add(svc.url, andrew, { resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'Morning routine', subject: { reference: `Patient/${andrew.patientId}` } });
    await add(svc.url, andrew, share(andrew.patientId, `Organization/${homeCare.organizationId}`, ['CarePlan', 'Flag'], { actions: ['access', 'collect'] }));
    await request(svc.url).get(`/fhir/CarePlan/${plan}`).set(homeCare.professional.auth).expect(200);
    const concern = {
      resourceType: 'Flag',
      status: 'active',
      code: { text: 'Andrew seemed more confused this morning and had not eaten' },
      subject: { reference: `Patient/${andrew.patientId}` },
    };
    await request(svc.url).post('/fhir/Flag').set(homeCare.professional.auth).set('Content-Type', fhirJson).send(concern).expect(201);
    // He is told, without the concern's words (those stay in his record).
    const told = (await request(svc.url).get('/notifications').set(andrew.auth).expect(200)).body.notifications as { kind: string; text: string }[];
    expect(told.filter((n) => n.kind === 'added-by-professional').map((n) => n.text)).toEqual(['Sam Patel (Brightside Home Care) raised a concern in your record.']);

    const log = await request(svc.url).get('/fhir/AuditEvent?_count=100').set(andrew.auth).expect(200);
    const events = log.body.entry.map((e: { resource: Record<string, any> }) => e.resource); // eslint-disable-line @typescript-eslint/no-explicit-any
    const byHomeCare = events.filter((e: any) => e.agent.some((a: any) => a.who?.display === 'Brightside Home Care')); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(byHomeCare.map((e: any) => e.action).sort()).toEqual(['C', 'R']); // eslint-disable-line @typescript-eslint/no-explicit-any
    const created = byHomeCare.find((e: any) => e.action === 'C'); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(created.entity.some((en: any) => /^Consent\//.test(en.what.reference))).toBe(true); // eslint-disable-line @typescript-eslint/no-explicit-any
    const anEvent = events[0];
    await request(svc.url).put(`/fhir/AuditEvent/${anEvent.id}`).set(andrew.auth).set('Content-Type', fhirJson).send(anEvent).expect(403);
    await request(svc.url).delete(`/fhir/AuditEvent/${anEvent.id}`).set(andrew.auth).expect(403);
    await request(svc.url).post('/fhir/AuditEvent').set(andrew.auth).set('Content-Type', fhirJson).send({ ...anEvent, id: undefined }).expect(403);
  });
});

describe('Andrew reads who has seen his record, in plain words', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite', adminEnv);
  });
  afterAll(async () => svc.stop());

  it('names the team and the person, says what and when, and filters by who and outcome', async () => {
    const hospital = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator', 'Northgate Hospital discharge team');
    const andrew = await signUp(svc.url, 'Andrew', 'Wilson', '1960-05-01');
    const plan = await add(svc.url, andrew, { resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'Support at home', subject: { reference: `Patient/${andrew.patientId}` } });
    const hip = await add(svc.url, andrew, condition(andrew.patientId, '5913000', 'Fracture of neck of femur'));
    await add(svc.url, andrew, share(andrew.patientId, `Organization/${hospital.organizationId}`, ['CarePlan']));
    await request(svc.url).get(`/fhir/CarePlan/${plan}`).set(hospital.professional.auth).expect(200);
    await request(svc.url).get(`/fhir/Condition/${hip}`).set(hospital.professional.auth).expect(404);

    const log = await request(svc.url).get(`/fhir/Patient/${andrew.patientId}/access-log`).set(andrew.auth).expect(200);
    const texts = log.body.entries.map((e: { text: string }) => e.text);
    expect(texts).toHaveLength(3);
    expect(texts[2]).toMatch(/^Red Bag added your details on /); // when he signed up
    expect(texts[0]).toMatch(/^Northgate Hospital discharge team \(Sam Patel\) tried to read your conditions on \d+ \w+ \d{4} at \d\d:\d\d, and was refused\.$/);
    expect(texts[1]).toMatch(/^Northgate Hospital discharge team \(Sam Patel\) read your support plan on /);
    const refused = await request(svc.url).get(`/fhir/Patient/${andrew.patientId}/access-log?outcome=refused`).set(andrew.auth).expect(200);
    expect(refused.body.entries).toHaveLength(1);
    const all = await request(svc.url).get(`/fhir/Patient/${andrew.patientId}/access-log?show=all&who=you`).set(andrew.auth).expect(200);
    expect(all.body.entries.map((e: { text: string }) => e.text)).toContain(all.body.entries.find((e: { text: string }) => /You added your support plan/.test(e.text))?.text);
    // Nobody else reads it.
    await request(svc.url).get(`/fhir/Patient/${andrew.patientId}/access-log`).set(hospital.professional.auth).expect(200).expect((r) => expect(r.body.entries).toEqual([]));
    const bad = await request(svc.url).get(`/fhir/Patient/${andrew.patientId}/access-log?since=yesterday`).set(andrew.auth).expect(400);
    expect(bad.body.issue[0].expression).toEqual(['since']);
  });
});
