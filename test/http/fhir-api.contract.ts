import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Bundle } from '@medplum/fhirtypes';
import { startService, type RunningService, type ServiceStoreKind } from '../support/service.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';

const allergy = (patientId: string, code = '387494007', display = 'Codeine') => ({
  resourceType: 'AllergyIntolerance',
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
  verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
  criticality: 'high',
  code: { coding: [{ system: 'http://snomed.info/sct', code, display }] },
  patient: { reference: `Patient/${patientId}` },
  recordedDate: '2024-05-01',
});

const condition = (patientId: string, code: string, display: string, onset: string) => ({
  resourceType: 'Condition',
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
  code: { coding: [{ system: 'http://snomed.info/sct', code, display }], text: display },
  subject: { reference: `Patient/${patientId}` },
  onsetDateTime: onset,
});

/** The FHIR REST behaviour a client relies on; run unchanged over each store. */
export function describeFhirApi(kind: ServiceStoreKind, enabled: () => Promise<boolean> = async () => true): void {
  describe(`FHIR REST API over ${kind}`, () => {
    let svc: RunningService;
    let aisha: SignedIn;
    let rina: SignedIn;
    let skip = false;

    beforeAll(async () => {
      skip = !(await enabled());
      if (skip) return;
      svc = await startService(kind);
      aisha = await signUp(svc.url, 'Aisha', 'Khan');
      rina = await signUp(svc.url, 'Rina', 'Patel');
    });
    afterAll(async () => {
      await svc?.stop();
    });
    const api = () => request(svc.url);

    it('publishes a CapabilityStatement without sign-in', async (ctx) => {
      if (skip) ctx.skip();
      const res = await api().get('/fhir/metadata').expect(200);
      expect(res.headers['content-type']).toContain('application/fhir+json');
      expect(res.body.fhirVersion).toBe('4.0.1');
      const allergyCap = res.body.rest[0].resource.find((r: { type: string }) => r.type === 'AllergyIntolerance');
      expect(allergyCap.searchParam.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['patient', 'code', 'criticality', '_id', '_lastUpdated']));
    });

    it('offers AuditEvent searches that tell events apart, and only those (issue 16)', async (ctx) => {
      if (skip) ctx.skip();
      const res = await api().get('/fhir/metadata').expect(200);
      const auditCap = res.body.rest[0].resource.find((r: { type: string }) => r.type === 'AuditEvent');
      const names = auditCap.searchParam.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(['patient', 'date', 'agent', 'entity', 'outcome', 'subtype', 'action']));
      // The same for every event Red Bag writes, or the agent's name again: not indexed, so not offered.
      for (const name of ['type', 'entity-type', 'entity-role', 'agent-name']) expect(names).not.toContain(name);
      await api().post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send(allergy(aisha.patientId, '91936005', 'Penicillin')).expect(201);
      const created = await api().get('/fhir/AuditEvent?subtype=create&outcome=0').set(aisha.auth).expect(200);
      expect(created.body.total).toBeGreaterThan(0);
      const refused = await api().get('/fhir/AuditEvent?agent-name=aisha').set(aisha.auth).expect(400);
      expect(refused.body.resourceType).toBe('OperationOutcome');
    });

    it('asks for sign-in before any record is touched', async (ctx) => {
      if (skip) ctx.skip();
      const res = await api().get('/fhir/AllergyIntolerance').expect(401);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.headers['www-authenticate']).toMatch(/Bearer/);
    });

    it('creates, reads, updates with If-Match, keeps versions, deletes and then answers 410', async (ctx) => {
      if (skip) ctx.skip();
      const created = await api().post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send(allergy(aisha.patientId)).expect(201);
      const id = created.body.id as string;
      expect(created.headers.location).toBe(`${svc.url}/fhir/AllergyIntolerance/${id}/_history/1`);
      expect(created.headers.etag).toBe('W/"1"');
      expect(created.body.meta.versionId).toBe('1');

      const read = await api().get(`/fhir/AllergyIntolerance/${id}`).set(aisha.auth).expect(200);
      expect(read.headers.etag).toBe('W/"1"');
      expect(read.body.code.coding[0].code).toBe('387494007');

      const changed = { ...read.body, criticality: 'low' };
      await api().put(`/fhir/AllergyIntolerance/${id}`).set(aisha.auth).set('If-Match', 'W/"1"').set('Content-Type', fhirJson).send(changed).expect(200);
      const stale = await api().put(`/fhir/AllergyIntolerance/${id}`).set(aisha.auth).set('If-Match', 'W/"1"').set('Content-Type', fhirJson).send(changed).expect(412);
      expect(stale.body.resourceType).toBe('OperationOutcome');

      const v1 = await api().get(`/fhir/AllergyIntolerance/${id}/_history/1`).set(aisha.auth).expect(200);
      expect(v1.body.criticality).toBe('high');

      await api().delete(`/fhir/AllergyIntolerance/${id}`).set(aisha.auth).expect(200);
      const gone = await api().get(`/fhir/AllergyIntolerance/${id}`).set(aisha.auth).expect(410);
      expect(gone.body.resourceType).toBe('OperationOutcome');

      const history = await api().get(`/fhir/AllergyIntolerance/${id}/_history`).set(aisha.auth).expect(200);
      expect(history.body.type).toBe('history');
      expect(history.body.total).toBe(3);
      expect(history.body.entry.map((e: { request: { method: string } }) => e.request.method)).toEqual(['DELETE', 'PUT', 'POST']);
    });

    it('does not create twice when If-None-Exist matches', async (ctx) => {
      if (skip) ctx.skip();
      const body = { ...allergy(aisha.patientId, '764146007', 'Penicillin'), identifier: [{ system: 'urn:test', value: 'once' }] };
      const first = await api().post('/fhir/AllergyIntolerance').set(aisha.auth).set('If-None-Exist', 'identifier=urn:test|once').set('Content-Type', fhirJson).send(body).expect(201);
      const second = await api().post('/fhir/AllergyIntolerance').set(aisha.auth).set('If-None-Exist', 'identifier=urn:test|once').set('Content-Type', fhirJson).send(body).expect(200);
      expect(second.body.id).toBe(first.body.id);
    });

    it('searches by token, string, date prefix, reference, with paging, count, elements and includes', async (ctx) => {
      if (skip) ctx.skip();
      const post = (resource: object) => api().post('/fhir/Condition').set(rina.auth).set('Content-Type', fhirJson).send(resource).expect(201);
      await post(condition(rina.patientId, '44054006', 'Type 2 diabetes mellitus', '2015-06-01'));
      await post(condition(rina.patientId, '38341003', 'Hypertensive disorder', '2019-02-10'));
      await post(condition(rina.patientId, '13645005', 'Chronic obstructive lung disease', '2021-11-20'));

      const byCode = await api().get('/fhir/Condition?code=http://snomed.info/sct|44054006').set(rina.auth).expect(200);
      expect(byCode.body.total).toBe(1);
      const since = await api().get('/fhir/Condition?onset-date=ge2019&_sort=onset-date').set(rina.auth).expect(200);
      expect(since.body.entry.map((e: { resource: { code: { text: string } } }) => e.resource.code.text)).toEqual(['Hypertensive disorder', 'Chronic obstructive lung disease']);
      const bySubject = await api().get(`/fhir/Condition?subject=Patient/${rina.patientId}&_count=2`).set(rina.auth).expect(200);
      expect(bySubject.body.total).toBe(3);
      expect(bySubject.body.entry).toHaveLength(2);
      const next = bySubject.body.link.find((l: { relation: string }) => l.relation === 'next').url as string;
      const page2 = await api().get(next.replace(svc.url, '')).set(rina.auth).expect(200);
      expect(page2.body.entry).toHaveLength(1);
      expect(page2.body.link.find((l: { relation: string }) => l.relation === 'next')).toBeUndefined();

      const count = await api().get('/fhir/Condition?_summary=count').set(rina.auth).expect(200);
      expect(count.body).toMatchObject({ type: 'searchset', total: 3 });
      expect(count.body.entry).toBeUndefined();

      const elements = await api().get('/fhir/Condition?_elements=code&_count=1').set(rina.auth).expect(200);
      expect(Object.keys(elements.body.entry[0].resource).sort()).toEqual(['code', 'id', 'meta', 'resourceType']);

      const included = await api().get('/fhir/Condition?code=44054006&_include=Condition:subject').set(rina.auth).expect(200);
      const modes = included.body.entry.map((e: { resource: { resourceType: string }; search: { mode: string } }) => `${e.resource.resourceType}:${e.search.mode}`);
      expect(modes).toEqual(['Condition:match', 'Patient:include']);

      const rev = await api().get(`/fhir/Patient?_id=${rina.patientId}&_revinclude=Condition:subject`).set(rina.auth).expect(200);
      expect(rev.body.entry.filter((e: { search: { mode: string } }) => e.search.mode === 'include')).toHaveLength(3);

      const byName = await api().get('/fhir/Patient?name=pat').set(rina.auth).expect(200);
      expect(byName.body.total).toBe(1);

      const posted = await api().post('/fhir/Condition/_search').set(rina.auth).type('form').send('code=38341003').expect(200);
      expect(posted.body.total).toBe(1);
    });

    it('confines every search and read to the person’s own record, answering as if others did not exist', async (ctx) => {
      if (skip) ctx.skip();
      const aishas = await api().post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send(allergy(aisha.patientId)).expect(201);
      const id = aishas.body.id as string;
      const theirs = await api().get(`/fhir/AllergyIntolerance/${id}`).set(rina.auth).expect(404);
      const missing = await api().get('/fhir/AllergyIntolerance/does-not-exist').set(rina.auth).expect(404);
      expect(theirs.body.issue[0].code).toBe(missing.body.issue[0].code);
      await api().get(`/fhir/AllergyIntolerance/${id}/_history`).set(rina.auth).expect(404);
      const othersEverything = await api().get(`/fhir/Patient/${aisha.patientId}/$everything`).set(rina.auth).expect(404);
      const nobodysEverything = await api().get('/fhir/Patient/no-such-person/$everything').set(rina.auth).expect(404);
      expect(othersEverything.body.issue[0].code).toBe(nobodysEverything.body.issue[0].code);
      const search = await api().get(`/fhir/AllergyIntolerance?patient=Patient/${aisha.patientId}`).set(rina.auth).expect(200);
      expect(search.body.total).toBe(0);
      const everything = await api().get(`/fhir/Patient/${rina.patientId}/$everything`).set(rina.auth).expect(200);
      const ids = everything.body.entry.map((e: { resource: { id: string } }) => e.resource.id);
      expect(ids).toContain(rina.patientId);
      expect(ids).not.toContain(id);
      expect(ids).not.toContain(aisha.patientId);
    });

    it('refuses to write into, or point at, another person’s record, and stores nothing', async (ctx) => {
      if (skip) ctx.skip();
      await api().post('/fhir/AllergyIntolerance').set(rina.auth).set('Content-Type', fhirJson).send(allergy(aisha.patientId)).expect(403);
      const aishas = await api().post('/fhir/Condition').set(aisha.auth).set('Content-Type', fhirJson).send(condition(aisha.patientId, '5913000', 'Fracture of neck of femur', '2026-01-01')).expect(201);
      const goal = {
        resourceType: 'Goal',
        lifecycleStatus: 'active',
        description: { text: 'Walk to the shops' },
        subject: { reference: `Patient/${rina.patientId}` },
        addresses: [{ reference: `Condition/${aishas.body.id}` }],
      };
      const res = await api().post('/fhir/Goal').set(rina.auth).set('Content-Type', fhirJson).send(goal).expect(422);
      expect(res.body.issue[0].expression).toEqual(['Goal.addresses[0]']);
      const goals = await api().get('/fhir/Goal?_summary=count').set(rina.auth).expect(200);
      expect(goals.body.total).toBe(0);
    });

    it('applies a transaction all-or-nothing, rewriting urn:uuid references', async (ctx) => {
      if (skip) ctx.skip();
      const goalUrl = 'urn:uuid:6f1b2d5e-1111-4c3b-9a7e-2d2d2d2d2d2d';
      const bundle = (goalDescription: object): Bundle => ({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { fullUrl: goalUrl, resource: { resourceType: 'Goal', lifecycleStatus: 'active', description: goalDescription, subject: { reference: `Patient/${aisha.patientId}` } } as never, request: { method: 'POST', url: 'Goal' } },
          {
            resource: { resourceType: 'CarePlan', status: 'active', intent: 'plan', subject: { reference: `Patient/${aisha.patientId}` }, goal: [{ reference: goalUrl }] } as never,
            request: { method: 'POST', url: 'CarePlan' },
          },
        ],
      });
      const ok = await api().post('/fhir').set(aisha.auth).set('Content-Type', fhirJson).send(bundle({ text: 'Knitting on Thursdays' })).expect(200);
      expect(ok.body.type).toBe('transaction-response');
      const goalId = ok.body.entry[0].resource.id as string;
      expect(ok.body.entry[1].resource.goal[0].reference).toBe(`Goal/${goalId}`);
      expect(ok.body.entry[1].response.status).toBe('201 Created');

      const before = await api().get('/fhir/CarePlan?_summary=count').set(aisha.auth).expect(200);
      // An invalid Goal (description must be a CodeableConcept) fails the whole Bundle.
      await api().post('/fhir').set(aisha.auth).set('Content-Type', fhirJson).send(bundle({ text: 42 })).expect(422);
      const after = await api().get('/fhir/CarePlan?_summary=count').set(aisha.auth).expect(200);
      expect(after.body.total).toBe(before.body.total);
    });

    it('processes a batch entry by entry', async (ctx) => {
      if (skip) ctx.skip();
      const res = await api()
        .post('/fhir')
        .set(aisha.auth)
        .set('Content-Type', fhirJson)
        .send({
          resourceType: 'Bundle',
          type: 'batch',
          entry: [
            { resource: allergy(aisha.patientId, '373270004', 'Penicillin -class of antibiotic-'), request: { method: 'POST', url: 'AllergyIntolerance' } },
            { request: { method: 'GET', url: 'AllergyIntolerance/nope' } },
          ],
        })
        .expect(200);
      expect(res.body.entry[0].response.status).toBe('201 Created');
      expect(res.body.entry[1].response.status).toBe('404');
    });

    it('answers bad input with the right OperationOutcome and stores nothing', async (ctx) => {
      if (skip) ctx.skip();
      const count = async () => (await api().get('/fhir/AllergyIntolerance?_summary=count').set(aisha.auth)).body.total as number;
      const before = await count();
      const outcome = (res: request.Response) => expect(res.body.resourceType).toBe('OperationOutcome');
      outcome(await api().post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send('{"resourceType": "AllergyIntolerance", ').expect(400));
      outcome(await api().post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', 'text/plain').send('hello').expect(415));
      outcome(await api().post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send(JSON.stringify({ ...allergy(aisha.patientId), note: [{ text: 'x'.repeat(2_000_000) }] })).expect(413));
      const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
      const deepBody = JSON.stringify(allergy(aisha.patientId)).replace(/}$/, `, "extension": [${deep}]}`);
      outcome(await api().post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send(deepBody).expect(400));
      outcome(await api().get('/fhir/Spaceship').set(aisha.auth).expect(404));
      outcome(await api().post('/fhir/Immunization').set(aisha.auth).set('Content-Type', fhirJson).send({ resourceType: 'Immunization' }).expect(404));
      outcome(await api().get('/fhir/Patient/..%2F..%2Fetc%2Fpasswd').set(aisha.auth).expect(400));
      outcome(await api().get(`/fhir/Patient/${'a'.repeat(65)}`).set(aisha.auth).expect(400));
      outcome(await api().patch(`/fhir/Patient/${aisha.patientId}`).set(aisha.auth).expect(405));
      const invalid = await api().post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send({ ...allergy(aisha.patientId), criticality: 'extreme' }).expect(422);
      expect(invalid.body.issue[0].expression?.[0]).toMatch(/criticality/);
      outcome(await api().get('/fhir/Condition?bogus=1').set(aisha.auth).expect(400));
      expect(await count()).toBe(before);
    });
  });
}
