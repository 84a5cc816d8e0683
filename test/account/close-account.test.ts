import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JWK } from 'jose';
import { verifyHealthCard } from '../../src/cards/health-card.ts';
import { isRevoked } from '../../src/cards/revocation.ts';
import { decodeHealthLink } from '../../src/cards/health-link.ts';
import { describeOnStore, postgresReachable } from '../support/postgres.ts';
import { startService, type RunningService, type StoreKind } from '../support/service.ts';
import { add, adminEnv, condition, organisationWithProfessional, share, signUp } from '../sharing/sharing-harness.ts';
import { waitForEmails } from '../sharing/mail-harness.ts';
import { sqlOn } from './db-access.ts';

const pgUp = await postgresReachable();

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) {
  describeOnStore(kind, pgUp, `closing an account deletes the record and the account at once (${kind})`, () => {
    let svc: RunningService;
    beforeAll(async () => {
      svc = await startService(kind, adminEnv);
    });
    afterAll(async () => svc?.stop());

    const rowsOf = async (patientId: string) =>
      (await sqlOn(svc)).all<{ resource_type: string; n: number | string }>('SELECT resource_type, COUNT(*) AS n FROM resources WHERE compartment = ? GROUP BY resource_type ORDER BY resource_type', [patientId]);

    it('after downloading everything, shares, links, cards and sessions stop, the audit trail stays, and the email can start again', async () => {
      const hospital = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator');
      const andrew = await signUp(svc.url, 'Andrew', 'Jones', '1960-05-01');
      const hip = await add(svc.url, andrew, condition(andrew.patientId, '5913000', 'Fracture of neck of femur'));
      await add(svc.url, andrew, share(andrew.patientId, `Organization/${hospital.organizationId}`, ['Condition']));
      await request(svc.url).get(`/fhir/Condition/${hip}`).set(hospital.professional.auth).expect(200); // audited
      const link = await request(svc.url).post(`/fhir/Patient/${andrew.patientId}/health-links`).set(andrew.auth).send({ label: 'Home care', expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }).expect(201);
      const issued = await request(svc.url).post(`/fhir/Patient/${andrew.patientId}/$health-cards-issue`).set(andrew.auth).set('Content-Type', 'application/fhir+json').send({ resourceType: 'Parameters' }).expect(200);
      const jwks = (await request(svc.url).get('/.well-known/jwks.json').expect(200)).body as { keys: JWK[] };
      const card = await verifyHealthCard(issued.body.parameter[0].valueString as string, jwks);

      // First, she takes everything away: the whole record as FHIR JSON, and the printout as a PDF.
      const everything = await request(svc.url).get(`/fhir/Patient/${andrew.patientId}/$everything`).set(andrew.auth).expect(200);
      expect(everything.body.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).toEqual(expect.arrayContaining(['Patient', 'Condition', 'Consent']));
      const pdf = await request(svc.url).get(`/red-bag/${andrew.patientId}/print?size=a4&format=pdf`).set(andrew.auth).buffer(true).expect(200);
      expect(pdf.headers['content-type']).toMatch(/application\/pdf/);

      // A wrong password, or no "I understand", changes nothing.
      const wrong = await request(svc.url).post('/auth/close').set(andrew.auth).send({ password: 'not my password', confirm: true }).expect(422);
      expect(wrong.body.issue[0].expression).toEqual(['password']);
      const unticked = await request(svc.url).post('/auth/close').set(andrew.auth).send({ password: andrew.password }).expect(400);
      expect(unticked.body.issue[0].details.text).toBe('Tick the box to say you understand your record will be deleted.');
      await request(svc.url).get(`/fhir/Condition/${hip}`).set(hospital.professional.auth).expect(200);

      const closed = await request(svc.url).post('/auth/close').set(andrew.auth).send({ password: andrew.password, confirm: true }).expect(204);
      expect(String(closed.headers['set-cookie'])).toMatch(/redbag_session=;/);
      await request(svc.url).get('/auth/me').set(andrew.auth).expect(401);
      await request(svc.url).get(`/fhir/Condition/${hip}`).set(hospital.professional.auth).expect(404);
      expect((await request(svc.url).get('/fhir/Patient').set(hospital.professional.auth).expect(200)).body.total).toBe(0);
      const manifest = new URL(decodeHealthLink(link.body.shlink, new Date()).url);
      await request(svc.url).post(manifest.pathname).send({ recipient: 'Helping Hands home care' }).expect(404);
      const crl = (await request(svc.url).get(`/.well-known/crl/${jwks.keys[0]!.kid}.json`).expect(200)).body;
      expect(isRevoked(card, crl)).toBe(true);

      // Only the AuditEvents (who saw what) are left of the record.
      expect((await rowsOf(andrew.patientId)).map((r) => r.resource_type)).toEqual(['AuditEvent']);
      const db = await sqlOn(svc);
      for (const table of ['resource_history', 'index_token', 'index_string', 'index_date', 'index_reference']) {
        const left = await db.all<{ resource_type: string }>(`SELECT DISTINCT resource_type FROM ${table} WHERE compartment = ?`, [andrew.patientId]);
        expect(left.every((r) => r.resource_type === 'AuditEvent')).toBe(true);
      }
      for (const table of ['accounts', 'health_links', 'card_issues']) {
        expect(await db.all(`SELECT * FROM ${table} WHERE patient_id = ?`, [andrew.patientId])).toEqual([]);
      }

      await waitForEmails(svc, [andrew.email], /account is closed/);
      await request(svc.url).post('/auth/login').send({ email: andrew.email, password: andrew.password }).expect(401);
      await request(svc.url).post('/auth/register').send({ email: andrew.email, password: andrew.password, name: { given: 'Andrew', family: 'Jones' }, birthDate: '1960-05-01' }).expect(201);
    });

    it('all or nothing: when the transaction fails half way, nothing at all is deleted', async () => {
      const rina = await signUp(svc.url, 'Rina', 'Shah');
      await add(svc.url, rina, condition(rina.patientId, '38341003', 'High blood pressure'));
      const before = await rowsOf(rina.patientId);
      const db = await sqlOn(svc);
      // A fault made to happen at the account row, after the record's statements have begun.
      if (kind === 'sqlite') {
        await db.run(`CREATE TRIGGER refuse_delete BEFORE DELETE ON accounts BEGIN SELECT RAISE(ABORT, 'a fault for the test'); END`);
      } else {
        await db.run(`CREATE FUNCTION refuse_delete() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'a fault for the test'; END $$ LANGUAGE plpgsql;
          CREATE TRIGGER refuse_delete BEFORE DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION refuse_delete()`);
      }
      try {
        await request(svc.url).post('/auth/close').set(rina.auth).send({ password: rina.password, confirm: true }).expect(500);
      } finally {
        await db.run(kind === 'sqlite' ? 'DROP TRIGGER refuse_delete' : 'DROP TRIGGER refuse_delete ON accounts; DROP FUNCTION refuse_delete()');
      }
      expect(await rowsOf(rina.patientId)).toEqual(before);
      await request(svc.url).get('/auth/me').set(rina.auth).expect(200);
    });
  });
}
