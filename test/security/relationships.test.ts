import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirJson, type SignedIn } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { add, adminEmail, adminEnv, adminPassword, condition, organisationWithProfessional, share, signIn, signUp } from '../sharing/sharing-harness.ts';
import { makeCarer, noticesOf, stores } from './security-harness.ts';

/**
 * Issue 13: a carer with manage rights could edit her own carer Consent to add the sensitive
 * categories (or upgrade another carer to manage) and read them, and the person was not told.
 * Only the person, or her legal proxy set up by an admin, changes who can see what; a carer may
 * stop being one; the person and her carers are told of every change.
 */
const mentalHealth = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' };
const correct = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'correct' }] };

describe.each(stores)('who can see a record is the person’s to decide (%s)', (kind) => {
  let svc: RunningService;
  let russell: SignedIn;
  let doris: SignedIn;
  let clare: SignedIn;
  let dorisArrangement: string;
  let clareArrangement: string;
  let depression: string;
  beforeAll(async () => {
    svc = await startService(kind, adminEnv);
    russell = await signUp(svc.url, 'Russell', 'Moore', '1950-02-02');
    doris = await signUp(svc.url, 'Doris', 'Moore', '1952-07-07');
    clare = await signUp(svc.url, 'Clare', 'Wilson', '1970-01-01');
    depression = await add(svc.url, russell, condition(russell.patientId, '35489007', 'Depressive disorder'));
    dorisArrangement = await makeCarer(svc.url, russell, doris, 'manage');
    clareArrangement = await makeCarer(svc.url, russell, clare, 'view');
  });
  afterAll(async () => svc?.stop());

  const consentOf = async (id: string, who: SignedIn) => (await request(svc.url).get(`/fhir/Consent/${id}`).set(who.auth).expect(200)).body;
  const put = (who: SignedIn, body: { id: string }) => request(svc.url).put(`/fhir/Consent/${body.id}`).set(who.auth).set('Content-Type', fhirJson).send(body);

  it('a carer who manages the record cannot add the sensitive categories to her own arrangement, and still cannot read them', async () => {
    await request(svc.url).get(`/fhir/Condition/${depression}`).set(doris.auth).expect(404);
    const own = await consentOf(dorisArrangement, doris);
    const refused = await put(doris, { ...own, provision: { ...own.provision, securityLabel: [mentalHealth] } }).expect(403);
    expect(refused.body.issue[0].details.text).toMatch(/A carer manages the record, not who can see it/);
    await request(svc.url).get(`/fhir/Condition/${depression}`).set(doris.auth).expect(404);
    expect((await request(svc.url).get(`/fhir/Condition?patient=Patient/${russell.patientId}`).set(doris.auth).expect(200)).body.total).toBe(0);
  });

  it('a carer who manages the record cannot upgrade another carer to manage, nor end her arrangement', async () => {
    const clares = await consentOf(clareArrangement, doris);
    await put(doris, { ...clares, provision: { ...clares.provision, action: [...clares.provision.action, correct] } }).expect(403);
    await put(doris, { ...clares, status: 'inactive' }).expect(403);
    await request(svc.url).delete(`/fhir/Consent/${clareArrangement}`).set(doris.auth).expect(403);
    await request(svc.url).delete(`/carers/${clareArrangement}`).set(doris.auth).expect(403);
    // Clare still only views.
    const plan = await add(svc.url, russell, { resourceType: 'Goal', lifecycleStatus: 'active', description: { text: 'Walk to the shop' }, subject: { reference: `Patient/${russell.patientId}` } });
    const goal = (await request(svc.url).get(`/fhir/Goal/${plan}`).set(clare.auth).expect(200)).body;
    await request(svc.url).put(`/fhir/Goal/${plan}`).set(clare.auth).set('Content-Type', fhirJson).send({ ...goal, description: { text: 'Changed' } }).expect(403);
  });

  it('a carer who manages the record cannot make a share, invite a carer, or unlink a carer', async () => {
    const team = await organisationWithProfessional(svc.url, 'home-care-provider', 'home-care-worker', 'Brightside');
    await request(svc.url).post('/fhir/Consent').set(doris.auth).set('Content-Type', fhirJson).send(share(russell.patientId, `Organization/${team.organizationId}`, ['Condition'])).expect(403);
    await request(svc.url).post(`/fhir/Patient/${russell.patientId}/carer-invitations`).set(doris.auth).send({ rights: 'manage' }).expect(403);
    const links = (await request(svc.url).get(`/fhir/RelatedPerson?patient=Patient/${russell.patientId}`).set(doris.auth).expect(200)).body.entry;
    const claresLink = links.find((e: { resource: { name?: { given?: string[] }[] } }) => e.resource.name?.[0]?.given?.[0] === 'Clare').resource.id;
    await request(svc.url).delete(`/fhir/RelatedPerson/${claresLink}`).set(doris.auth).expect(403);
    // Nor by taking her account id off the RelatedPerson that links her.
    const { identifier: _accountId, ...unlinked } = (await request(svc.url).get(`/fhir/RelatedPerson/${claresLink}`).set(doris.auth).expect(200)).body;
    await request(svc.url).put(`/fhir/RelatedPerson/${claresLink}`).set(doris.auth).set('Content-Type', fhirJson).send(unlinked).expect(403);
    await request(svc.url).get(`/fhir/Patient/${russell.patientId}`).set(clare.auth).expect(200);
  });

  it('the person widens and narrows a carer’s arrangement and ends a share, and he and his carers are told each time', async () => {
    const team = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator', 'Northgate Hospital discharge team');
    const shareId = await add(svc.url, russell, share(russell.patientId, `Organization/${team.organizationId}`, ['CarePlan', 'Goal', 'Condition']));
    const own = await consentOf(dorisArrangement, russell);
    await put(russell, { ...own, provision: { ...own.provision, securityLabel: [mentalHealth] } }).expect(200);
    await request(svc.url).get(`/fhir/Condition/${depression}`).set(doris.auth).expect(200); // his choice: now she sees it
    const theShare = await consentOf(shareId, russell);
    await put(russell, { ...theShare, provision: { ...theShare.provision, class: theShare.provision.class.filter((c: { code: string }) => c.code !== 'Condition') } }).expect(200);
    await put(russell, { ...(await consentOf(shareId, russell)), status: 'inactive' }).expect(200);

    const his = (await noticesOf(svc.url, russell)).map((n) => n.text);
    expect(his).toContainEqual('Doris Moore can now do more with your record: see items about mental health.');
    expect(his).toContainEqual('Northgate Hospital discharge team can now do less with your record: no longer see conditions.');
    expect(his).toContainEqual('The share with Northgate Hospital discharge team has ended: they can no longer see your record.');
    const clares = (await noticesOf(svc.url, clare)).map((n) => n.text);
    expect(clares).toContainEqual('The share with Northgate Hospital discharge team has ended: they can no longer see Russell Moore’s record.');
  });

  it('a carer may still stop being one, and the person is told', async () => {
    await request(svc.url).delete(`/carers/${clareArrangement}`).set(clare.auth).expect(204);
    await request(svc.url).get(`/fhir/Patient/${russell.patientId}`).set(clare.auth).expect(404);
    expect((await noticesOf(svc.url, russell)).map((n) => n.text)).toContainEqual('Clare Wilson is no longer a carer and can no longer see your record.');
  });

  it('a legal proxy set up by an admin counts as the person: she makes and ends shares', async () => {
    const rina = await signUp(svc.url, 'Rina', 'Shah', '1966-04-12');
    const pat = await signUp(svc.url, 'Pat', 'Shah', '1990-01-01');
    const admin = await signIn(svc.url, adminEmail, adminPassword);
    await request(svc.url).post('/admin/proxies').set(admin.auth).send({ patient: `Patient/${rina.patientId}`, carer: pat.email, rights: 'manage', reason: 'Lasting power of attorney for health and welfare, registered.' }).expect(201);
    const team = await organisationWithProfessional(svc.url, 'gp-practice', 'clinician', 'Riverside Surgery');
    const made = await request(svc.url).post('/fhir/Consent').set(pat.auth).set('Content-Type', fhirJson).send(share(rina.patientId, `Organization/${team.organizationId}`, ['Condition'])).expect(201);
    await request(svc.url).put(`/fhir/Consent/${made.body.id}`).set(pat.auth).set('Content-Type', fhirJson).send({ ...made.body, status: 'inactive' }).expect(200);
    await request(svc.url).post(`/fhir/Patient/${rina.patientId}/carer-invitations`).set(pat.auth).send({ rights: 'view' }).expect(201);
    // Nobody makes herself (or anyone) a proxy through the FHIR API, not even the person.
    const proxyShare = share(rina.patientId, `Organization/${team.organizationId}`, ['Condition']);
    proxyShare.provision!.actor![0]!.role = { coding: [{ system: 'https://redbag.example.org/fhir/CodeSystem/redbag-roles', code: 'legal-proxy' }] };
    await request(svc.url).post('/fhir/Consent').set(rina.auth).set('Content-Type', fhirJson).send(proxyShare).expect(403);
  });
});
