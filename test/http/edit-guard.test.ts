import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnStore, postgresReachable } from '../support/postgres.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';

const pgUp = await postgresReachable();

/**
 * What the portal's edits rely on (issue 14): a change or a removal made to an old version is refused with 412
 * and changes nothing; a removal is the next version, so undo can put the entry back guarded by that version.
 */
for (const kind of ['sqlite', 'postgres'] as const) {
  describeOnStore(kind, pgUp, `If-Match guards every edit and undo (${kind})`, () => {
    let svc: RunningService;
    let andrew: SignedIn;
    beforeAll(async () => {
      svc = await startService(kind);
      andrew = await signUp(svc.url, 'Andrew', 'Wilson', '1960-05-01');
    });
    afterAll(async () => svc?.stop());

    it('refuses a stale change or removal, keeps what is stored, and lets undo restore a removed resource at the deletion version', async () => {
      const api = () => request(svc.url);
      const goal = { resourceType: 'Goal', lifecycleStatus: 'active', subject: { reference: `Patient/${andrew.patientId}` }, description: { text: 'Home for the football' } };
      const created = (await api().post('/fhir/Goal').set(andrew.auth).set('Content-Type', fhirJson).send(goal).expect(201)).body;
      const id = created.id as string;
      const put = (body: object, version: string) => api().put(`/fhir/Goal/${id}`).set(andrew.auth).set('If-Match', `W/"${version}"`).set('Content-Type', fhirJson).send(body);

      // Another device changed it (version 2): the page's change, made to version 1, is refused and shown.
      await put({ ...created, description: { text: 'Home for the cup final' } }, '1').expect(200);
      const stale = await put({ ...created, description: { text: 'Home by Friday' } }, '1').expect(412);
      expect(stale.body.resourceType).toBe('OperationOutcome');
      await api().delete(`/fhir/Goal/${id}`).set(andrew.auth).set('If-Match', 'W/"1"').expect(412);
      const kept = (await api().get(`/fhir/Goal/${id}`).set(andrew.auth).expect(200)).body;
      expect(kept.meta.versionId).toBe('2');
      expect(kept.description).toEqual({ text: 'Home for the cup final' });

      // Removed at version 2; the removal is version 3; undo made to version 3 brings the same content back.
      await api().delete(`/fhir/Goal/${id}`).set(andrew.auth).set('If-Match', 'W/"2"').expect(200);
      await api().get(`/fhir/Goal/${id}`).set(andrew.auth).expect(410);
      const { meta: _meta, ...content } = kept;
      await put(content, '2').expect(412);
      const back = (await put(content, '3').expect(200)).body;
      expect(back.meta.versionId).toBe('4');
      expect({ ...back, meta: undefined }).toEqual({ ...kept, meta: undefined });
      await api().put(`/fhir/Goal/${id}`).set(andrew.auth).set('If-Match', 'version four').set('Content-Type', fhirJson).send(content).expect(400);
    });
  });
}
