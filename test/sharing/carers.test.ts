import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirJson } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { add, adminEmail, adminEnv, adminPassword, condition, goal, signIn, signUp } from './sharing-harness.ts';
import { waitForEmails } from './mail-harness.ts';

describe('carers and proxies', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite', adminEnv);
  });
  afterAll(async () => svc.stop());

  it('Aisha emails an invitation to her daughter, who follows it to become her carer', async () => {
    const aisha = await signUp(svc.url, 'Aisha', 'Khan', '1945-03-02');
    const saraEmail = `sara.${Date.now()}@example.org`;
    const wrong = await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/carer-invitations`).set(aisha.auth).send({ rights: 'view', email: 'not an address' }).expect(400);
    expect(wrong.body.issue[0].expression).toEqual(['email']);
    const invitation = await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/carer-invitations`).set(aisha.auth).send({ rights: 'view', email: saraEmail.toUpperCase() }).expect(201);
    expect(invitation.body.emailedTo).toBe(saraEmail);

    const [email] = await waitForEmails(svc, [saraEmail], /Aisha Khan asks you to be a carer$/);
    expect(email!.text).toMatch(/Aisha Khan would like you to be a carer in Red Bag: you would be able to see their health and care record for them\./);
    const link = /(http:\/\/\S+\/carers\/accept\?code=\S+)/.exec(email!.text)![1]!;
    expect(link).toBe(invitation.body.link);
    const code = new URL(link).searchParams.get('code')!;

    const sara = await signUp(svc.url, 'Sara', 'Khan', '1975-03-02');
    await request(svc.url).post('/carers/accept').set(sara.auth).send({ code }).expect(201);
    const caring = await request(svc.url).get('/carers/caring-for').set(sara.auth).expect(200);
    expect(caring.body.people).toEqual([expect.objectContaining({ patient: `Patient/${aisha.patientId}`, name: 'Aisha Khan', rights: 'view' })]);
  });

  it('Russell invites Doris to manage his record; she acts for him, both see it, and either can end it', async () => {
    const russell = await signUp(svc.url, 'Russell', 'Moore', '1950-02-02');
    const doris = await signUp(svc.url, 'Doris', 'Moore', '1952-07-07');
    const hip = await add(svc.url, russell, condition(russell.patientId, '5913000', 'Fracture of neck of femur'));

    const invitation = await request(svc.url).post(`/fhir/Patient/${russell.patientId}/carer-invitations`).set(russell.auth).send({ rights: 'manage' }).expect(201);
    expect(invitation.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(invitation.body.link).toContain('/carers/accept?code=');
    // Before accepting, she sees nothing of his.
    await request(svc.url).get(`/fhir/Condition/${hip}`).set(doris.auth).expect(404);
    // A search across every record she may see: hers only, for now.
    const searchAll = async () => (await request(svc.url).get('/fhir/Condition?code=5913000').set(doris.auth).expect(200)).body.entry?.map((e: { resource: { id: string } }) => e.resource.id) ?? [];
    expect(await searchAll()).toEqual([]);

    await request(svc.url).post('/carers/accept').set(doris.auth).send({ code: invitation.body.code.toLowerCase() }).expect(201);
    await request(svc.url).post('/carers/accept').set(doris.auth).send({ code: invitation.body.code }).expect(404); // used once only
    // In the same session, the next search reaches his record too.
    expect(await searchAll()).toEqual([hip]);

    const caring = await request(svc.url).get('/carers/caring-for').set(doris.auth).expect(200);
    expect(caring.body.people).toEqual([expect.objectContaining({ patient: `Patient/${russell.patientId}`, name: 'Russell Moore', rights: 'manage' })]);
    const carers = await request(svc.url).get(`/fhir/Patient/${russell.patientId}/carers`).set(russell.auth).expect(200);
    expect(carers.body.carers).toEqual([expect.objectContaining({ name: 'Doris Moore', rights: 'manage' })]);

    // She manages his record: reads, adds, and his log says so.
    await request(svc.url).get(`/fhir/Condition/${hip}`).set(doris.auth).expect(200);
    await add(svc.url, doris, goal(russell.patientId, 'Walk to the shop again'));
    expect((await request(svc.url).get(`/fhir/Goal?patient=Patient/${russell.patientId}`).set(russell.auth).expect(200)).body.total).toBe(1);
    const log = await request(svc.url).get(`/fhir/Patient/${russell.patientId}/access-log`).set(russell.auth).expect(200);
    expect(log.body.entries.map((e: { text: string }) => e.text)).toContainEqual(expect.stringMatching(/^Doris Moore added your goals on /));

    // She ends it herself: the very next request is refused.
    await request(svc.url).delete(`/carers/${carers.body.carers[0].consent.replace('Consent/', '')}`).set(doris.auth).expect(204);
    await request(svc.url).get(`/fhir/Condition/${hip}`).set(doris.auth).expect(404);
    expect(await searchAll()).toEqual([]);
    expect((await request(svc.url).get(`/fhir/Patient/${russell.patientId}/carers`).set(russell.auth).expect(200)).body.carers).toEqual([]);
  });

  it('a carer with view rights reads but cannot change; the person ends it; nobody else can end it or make herself a carer', async () => {
    const clare = await signUp(svc.url, 'Clare', 'Hughes', '1970-01-01');
    const son = await signUp(svc.url, 'Tom', 'Hughes', '2000-01-01');
    const stranger = await signUp(svc.url, 'Eve', 'Other', '1980-01-01');
    const plan = await add(svc.url, son, { resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'Day centre on Tuesdays', subject: { reference: `Patient/${son.patientId}` } });
    const code = (await request(svc.url).post(`/fhir/Patient/${son.patientId}/carer-invitations`).set(son.auth).send({ rights: 'view' }).expect(201)).body.code;
    const accepted = await request(svc.url).post('/carers/accept').set(clare.auth).send({ code }).expect(201);
    const current = (await request(svc.url).get(`/fhir/CarePlan/${plan}`).set(clare.auth).expect(200)).body;
    await request(svc.url).put(`/fhir/CarePlan/${plan}`).set(clare.auth).set('Content-Type', fhirJson).send({ ...current, title: 'Changed' }).expect(403);
    await request(svc.url).delete(`/carers/${accepted.body.consent.replace('Consent/', '')}`).set(stranger.auth).expect(404);
    // Writing a RelatedPerson that claims her account does not make Eve anyone's carer.
    await request(svc.url).post('/fhir/RelatedPerson').set(stranger.auth).set('Content-Type', fhirJson).send({
      resourceType: 'RelatedPerson', patient: { reference: `Patient/${stranger.patientId}` }, name: [{ text: 'x' }],
      relationship: [{ coding: [{ system: 'https://redbag.example.org/fhir/CodeSystem/redbag-roles', code: 'carer' }] }],
      identifier: [{ system: 'https://redbag.example.org/fhir/sid/account', value: 'someone-else' }],
    }).expect(403);
    await request(svc.url).delete(`/carers/${accepted.body.consent.replace('Consent/', '')}`).set(son.auth).expect(204);
    await request(svc.url).get(`/fhir/CarePlan/${plan}`).set(clare.auth).expect(404);
  });

  it('an admin sets up a proxy, with the reason recorded, for someone who cannot manage her own account', async () => {
    const mary = await signUp(svc.url, 'Mary', 'Evans', '1935-01-01');
    const daughter = await signUp(svc.url, 'Jane', 'Evans', '1965-01-01');
    const admin = await signIn(svc.url, adminEmail, adminPassword);
    const bad = await request(svc.url).post('/admin/proxies').set(admin.auth).send({ patient: `Patient/${mary.patientId}`, carer: daughter.email, rights: 'manage' }).expect(400);
    expect(bad.body.issue[0].expression).toEqual(['reason']);
    await request(svc.url).post('/admin/proxies').set(daughter.auth).send({}).expect(403);
    const made = await request(svc.url).post('/admin/proxies').set(admin.auth)
      .send({ patient: `Patient/${mary.patientId}`, carer: daughter.email, rights: 'manage', reason: 'Mary has advanced dementia; Jane holds lasting power of attorney for health.' }).expect(201);
    const consent = await request(svc.url).get(`/fhir/${made.body.consent}`).set(daughter.auth).expect(200);
    expect(Buffer.from(consent.body.sourceAttachment.data, 'base64').toString()).toContain('lasting power of attorney');
    expect((await request(svc.url).get('/carers/caring-for').set(daughter.auth).expect(200)).body.people[0]).toMatchObject({ name: 'Mary Evans', rights: 'manage' });
  });
});
