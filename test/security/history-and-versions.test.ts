import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirJson, type SignedIn } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { add, adminEnv, condition, organisationWithProfessional, share, signUp, snomed } from '../sharing/sharing-harness.ts';
import { allPages, hospitalSystem, stores } from './security-harness.ts';

type Auth = { Authorization: string };

/**
 * Issue 13, finding 1: history rows skipped the access decision and a deleted item's sensitivity
 * was forgotten, so a carer without mental-health (or sexual-health) permission read a deleted or
 * re-coded sensitive condition through _history; professionals and hospital systems vread earlier
 * and deleted versions although they get no history.
 */
describe.each(stores)('every version goes through the access decision (%s)', (kind) => {
  let svc: RunningService;
  let aisha: SignedIn;
  let sara: SignedIn;
  let coordinator: Auth;
  let system: Auth;
  const ids = { hiv: '', depression: '', hip: '', diabetes: '' };

  const change = async (type: string, id: string, edit: (r: Record<string, unknown>) => Record<string, unknown>) => {
    const current = (await request(svc.url).get(`/fhir/${type}/${id}`).set(aisha.auth).expect(200)).body;
    await request(svc.url).put(`/fhir/${type}/${id}`).set(aisha.auth).set('Content-Type', fhirJson).send(edit(current)).expect(200);
  };

  beforeAll(async () => {
    svc = await startService(kind, adminEnv);
    aisha = await signUp(svc.url, 'Aisha', 'Khan', '1945-03-02');
    sara = await signUp(svc.url, 'Sara', 'Khan', '1975-03-02');
    const code = (await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/carer-invitations`).set(aisha.auth).send({ rights: 'view' }).expect(201)).body.code;
    await request(svc.url).post('/carers/accept').set(sara.auth).send({ code }).expect(201);

    ids.hiv = await add(svc.url, aisha, condition(aisha.patientId, '86406008', 'Human immunodeficiency virus infection'));
    await request(svc.url).delete(`/fhir/Condition/${ids.hiv}`).set(aisha.auth).expect(200);
    ids.depression = await add(svc.url, aisha, { ...condition(aisha.patientId, '35489007', 'Depressive disorder'), note: [{ text: 'Low mood since her husband died' }] });
    await change('Condition', ids.depression, (c) => ({ ...c, code: snomed('279039007', 'Low back pain'), note: undefined }));
    ids.hip = await add(svc.url, aisha, condition(aisha.patientId, '5913000', 'Fracture of neck of femur'));
    await change('Condition', ids.hip, (c) => ({ ...c, note: [{ text: 'Pinned in March' }] }));
    ids.diabetes = await add(svc.url, aisha, condition(aisha.patientId, '44054006', 'Type 2 diabetes mellitus'));
    await request(svc.url).delete(`/fhir/Condition/${ids.diabetes}`).set(aisha.auth).expect(200);

    const hospital = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator');
    coordinator = hospital.professional.auth;
    await add(svc.url, aisha, share(aisha.patientId, `Organization/${hospital.organizationId}`, ['Condition']));
    system = await hospitalSystem(svc.url, `Organization/${hospital.organizationId}`, 'system/Condition.rs system/Patient.rs');
  });
  afterAll(async () => svc.stop());

  const leaks = (body: unknown) => /86406008|immunodeficiency|35489007|Depressive|Low mood/.test(JSON.stringify(body));

  it('a view carer without sexual-health permission cannot read a deleted HIV diagnosis: read, instance history and vread answer as if it never existed', async () => {
    await request(svc.url).get(`/fhir/Condition/${ids.hiv}`).set(sara.auth).expect(404);
    await request(svc.url).get(`/fhir/Condition/${ids.hiv}/_history`).set(sara.auth).expect(404);
    await request(svc.url).get(`/fhir/Condition/${ids.hiv}/_history/1`).set(sara.auth).expect(404);
    await request(svc.url).get(`/fhir/Condition/${ids.hiv}/_history/2`).set(sara.auth).expect(404);
  });

  it('a view carer sees the re-coded condition as it is now, but not the depression (and its note) it was', async () => {
    const history = await request(svc.url).get(`/fhir/Condition/${ids.depression}/_history`).set(sara.auth).expect(200);
    expect(history.body.total).toBe(1);
    expect(history.body.entry.map((e: { response: { etag: string } }) => e.response.etag)).toEqual(['W/"2"']);
    expect(leaks(history.body)).toBe(false);
    await request(svc.url).get(`/fhir/Condition/${ids.depression}/_history/1`).set(sara.auth).expect(404);
    await request(svc.url).get(`/fhir/Condition/${ids.depression}/_history/2`).set(sara.auth).expect(200);
  });

  it('type history shows a view carer only the versions she may see, and its total and pages agree', async () => {
    const path = '/fhir/Condition/_history';
    const paged = await allPages(svc.url, sara.auth, `${path}?_count=1`);
    const whole = await request(svc.url).get(`${path}?_count=500`).set(sara.auth).expect(200);
    expect(leaks(whole.body)).toBe(false);
    expect(leaks(paged.entries)).toBe(false);
    expect(whole.body.total).toBe(whole.body.entry.length);
    expect(paged.total).toBe(whole.body.total);
    const versions = (entries: Array<{ fullUrl: string; response?: { etag?: string } }>) => entries.map((e) => `${e.fullUrl.split('/').at(-1)} ${e.response?.etag}`);
    expect(versions(paged.entries)).toEqual(versions(whole.body.entry));
    // hip 1 and 2, the re-coded condition as it is now, diabetes and its deletion.
    expect(versions(whole.body.entry).sort()).toEqual([`${ids.depression} W/"2"`, `${ids.diabetes} W/"1"`, `${ids.diabetes} W/"2"`, `${ids.hip} W/"1"`, `${ids.hip} W/"2"`].sort());
  });

  it('system history shows a view carer nothing she may not see, and counts what it shows', async () => {
    const whole = await request(svc.url).get('/fhir/_history?_count=500').set(sara.auth).expect(200);
    expect(leaks(whole.body)).toBe(false);
    expect(whole.body.total).toBe(whole.body.entry.length);
    const conditions = whole.body.entry.filter((e: { fullUrl: string }) => e.fullUrl.includes('/Condition/'));
    expect(conditions).toHaveLength(5);
  });

  it('Aisha herself still sees every version of her record, deletions included', async () => {
    const hiv = await request(svc.url).get(`/fhir/Condition/${ids.hiv}/_history`).set(aisha.auth).expect(200);
    expect(hiv.body.total).toBe(2);
    await request(svc.url).get(`/fhir/Condition/${ids.hiv}`).set(aisha.auth).expect(410);
    await request(svc.url).get(`/fhir/Condition/${ids.depression}/_history/1`).set(aisha.auth).expect(200);
    const all = await request(svc.url).get('/fhir/Condition/_history?_count=500').set(aisha.auth).expect(200);
    expect(all.body.total).toBe(8);
  });

  it('a professional the share names reads current versions only: no vread, no history, and a deleted item is missing', async () => {
    for (const version of ['1', '2']) {
      const vread = await request(svc.url).get(`/fhir/Condition/${ids.hip}/_history/${version}`).set(coordinator).expect(403);
      expect(vread.body.issue[0].details.text).toMatch(/current version/);
    }
    await request(svc.url).get(`/fhir/Condition/${ids.hip}`).set(coordinator).expect(200);
    await request(svc.url).get(`/fhir/Condition/${ids.diabetes}`).set(coordinator).expect(404);
    await request(svc.url).get(`/fhir/Condition/${ids.diabetes}/_history/1`).set(coordinator).expect(403);
    for (const path of [`/fhir/Condition/${ids.hip}/_history`, '/fhir/Condition/_history', '/fhir/_history']) {
      const history = await request(svc.url).get(path).set(coordinator).expect(403);
      expect(history.body.issue[0].details.text).toMatch(/current versions/);
    }
    // Refusing before looking anything up: an id that does not exist answers the same.
    await request(svc.url).get('/fhir/Condition/no-such-condition/_history/1').set(coordinator).expect(403);
  });

  it('a hospital system of that organisation reads current versions only, and a deleted item is missing', async () => {
    await request(svc.url).get(`/fhir/Condition/${ids.hip}`).set(system).expect(200);
    await request(svc.url).get(`/fhir/Condition/${ids.hip}/_history/1`).set(system).expect(403);
    await request(svc.url).get(`/fhir/Condition/${ids.diabetes}`).set(system).expect(404);
    await request(svc.url).get(`/fhir/Condition/${ids.diabetes}/_history/1`).set(system).expect(403);
    await request(svc.url).get(`/fhir/Condition/${ids.hip}/_history`).set(system).expect(403);
    await request(svc.url).get('/fhir/_history').set(system).expect(403);
  });

  it('what a carer read through history is in Aisha’s log', async () => {
    await request(svc.url).get('/fhir/Condition/_history').set(sara.auth).expect(200);
    const log = await request(svc.url).get(`/fhir/Patient/${aisha.patientId}/access-log`).set(aisha.auth).expect(200);
    expect(log.body.entries.map((e: { text: string }) => e.text)).toContainEqual(expect.stringMatching(/^Sara Khan .*your conditions on /));
  });
});
