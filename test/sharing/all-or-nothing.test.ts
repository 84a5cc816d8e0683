import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rawDatabaseOf, type RawDatabase } from '../support/injected-failure.ts';
import { signUp, type SignedIn } from '../support/people.ts';
import { describeOnStore, postgresReachable } from '../support/postgres.ts';
import { startService, type RunningService } from '../support/service.ts';
import { adminEnv, adminEmail, adminPassword, add, organisationWithProfessional, share, signIn } from './sharing-harness.ts';

const pgUp = await postgresReachable();
const failed = (res: request.Response): void => expect(res.status).toBeGreaterThanOrEqual(500);

/**
 * Issue 15: every change that writes to more than one table commits or rolls back as one. Each is
 * stopped half way by a statement the database itself refuses (a trigger), and nothing of it may
 * be left: the row counts of every table it touches are as before, and trying again works.
 */
for (const kind of ['sqlite', 'postgres'] as const) {
  describeOnStore(kind, pgUp, `changes across tables are all or nothing (${kind})`, () => {
    let svc: RunningService;
    let db: RawDatabase;

    beforeAll(async () => {
      svc = await startService(kind, adminEnv);
      db = rawDatabaseOf(svc);
    });
    afterAll(async () => {
      await db.close();
      await svc.stop();
    });

    /** Runs `change` with `table` refusing `event`; checks nothing was stored; then lets it work again. */
    const halfWay = async (table: string, event: 'INSERT' | 'UPDATE' | 'DELETE', when: string | undefined, change: () => Promise<unknown>): Promise<void> => {
      const before = await db.snapshot();
      const stop = await db.failOn(table, event, when);
      try {
        await change();
      } finally {
        await stop();
      }
      expect(await db.snapshot()).toEqual(before);
    };

    it('sign-up: an account that cannot be stored leaves no Patient, index rows or audit behind, and the email is still free', async () => {
      const email = `signup.${Date.now()}@example.org`;
      const body = { email, password: 'correct horse battery staple', name: { given: 'Rina', family: 'Shah' }, birthDate: '1966-01-01' };
      await halfWay('accounts', 'INSERT', undefined, async () => failed(await request(svc.url).post('/auth/register').send(body)));
      await request(svc.url).post('/auth/register').send(body).expect(201);
    });

    it('a professional: an account that cannot be stored leaves no Practitioner or PractitionerRole in the directory', async () => {
      const { admin, organizationId } = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator');
      const body = { email: `pro.${Date.now()}@northgate.example.org`, password: 'ward seven handover notes', name: { given: 'Ola', family: 'Bello' }, organization: `Organization/${organizationId}`, role: 'discharge-coordinator' };
      await halfWay('accounts', 'INSERT', "NEW.kind = 'professional'", async () => failed(await request(svc.url).post('/admin/professionals').set(admin.auth).send(body)));
      await request(svc.url).post('/admin/professionals').set(admin.auth).send(body).expect(201);
    });

    it('removing a professional: when her post cannot be marked inactive, her account stays open and her sessions live', async () => {
      const { admin, practitionerRoleId, professional } = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator');
      await halfWay('resource_history', 'INSERT', "NEW.resource_type = 'PractitionerRole'", async () =>
        failed(await request(svc.url).delete(`/admin/professionals/${practitionerRoleId}`).set(admin.auth)),
      );
      expect(await db.count('accounts', `practitioner_role_id = '${practitionerRoleId}' AND disabled_at IS NULL`)).toBe(1);
      expect(await db.count('sessions s JOIN accounts a ON a.id = s.account_id', `a.practitioner_role_id = '${practitionerRoleId}' AND s.revoked_at IS NULL`)).toBeGreaterThan(0);
      await request(svc.url).get('/auth/me').set(professional.auth).expect(200);
      await request(svc.url).delete(`/admin/professionals/${practitionerRoleId}`).set(admin.auth).expect(204);
      expect(await db.count('accounts', `practitioner_role_id = '${practitionerRoleId}' AND disabled_at IS NOT NULL`)).toBe(1);
    });

    const invite = async (person: SignedIn, email?: string) =>
      (await request(svc.url).post(`/fhir/Patient/${person.patientId}/carer-invitations`).set(person.auth).send({ rights: 'manage', ...(email ? { email } : {}) }).expect(201)).body.code as string;

    it('accepting a carer invitation: when the arrangement cannot be stored, the code is not used up and no lookup row is left', async () => {
      const doris = await signUp(svc.url, 'Doris', 'Reid', '1950-02-02');
      const russell = await signUp(svc.url, 'Russell', 'Reid', '1980-03-03');
      const code = await invite(russell);
      await halfWay('resource_history', 'INSERT', "NEW.resource_type = 'Consent'", async () => failed(await request(svc.url).post('/carers/accept').set(doris.auth).send({ code })));
      const accepted = await request(svc.url).post('/carers/accept').set(doris.auth).send({ code }).expect(201);
      expect(accepted.body.patient).toBe(`Patient/${russell.patientId}`);
    });

    it('a notice that fails inside an arrangement is left out alone: the arrangement is stored, and the sweep gives the notice later', async () => {
      const doris = await signUp(svc.url, 'Doris', 'Reid', '1950-02-02');
      const russell = await signUp(svc.url, 'Russell', 'Reid', '1980-03-03');
      const code = await invite(russell);
      const stop = await db.failOn('notices_done', 'INSERT');
      const accepted = await request(svc.url).post('/carers/accept').set(doris.auth).send({ code }).expect(201);
      await stop();
      const consent = String(accepted.body.consent).replace('Consent/', '');
      expect(await db.count('resources', `id = '${consent}'`)).toBe(1);
      expect(await db.count('notifications', `notice_key LIKE '%${consent}%'`)).toBe(0);
      expect(await db.count('outbox', `notice_key LIKE '%${consent}%'`)).toBe(0);
      await svc.service.notifier.sweep();
      expect(await db.count('notifications', `notice_key LIKE '%${consent}%'`)).toBeGreaterThan(0);
    });

    it('an emailed invitation: when the email cannot be queued, no invitation is made', async () => {
      const russell = await signUp(svc.url, 'Russell', 'Reid', '1980-03-03');
      await halfWay('outbox', 'INSERT', undefined, async () =>
        failed(await request(svc.url).post(`/fhir/Patient/${russell.patientId}/carer-invitations`).set(russell.auth).send({ rights: 'view', email: 'doris@example.org' })),
      );
      await invite(russell, 'doris@example.org');
    });

    it('a proxy set up by an admin: when the arrangement cannot be stored, no lookup row is left', async () => {
      const rina = await signUp(svc.url, 'Rina', 'Shah', '1966-01-01');
      const pat = await signUp(svc.url, 'Pat', 'Shah', '1990-01-01');
      const admin = await signIn(svc.url, adminEmail, adminPassword);
      const body = { patient: `Patient/${rina.patientId}`, carer: pat.email, rights: 'manage', reason: 'Lasting power of attorney for health and welfare, registered.' };
      await halfWay('resource_history', 'INSERT', "NEW.resource_type = 'RelatedPerson'", async () => failed(await request(svc.url).post('/admin/proxies').set(admin.auth).send(body)));
      await request(svc.url).post('/admin/proxies').set(admin.auth).send(body).expect(201);
    });

    it('a password change: when the other sessions cannot be ended, the old password still works', async () => {
      const aisha = await signUp(svc.url, 'Aisha', 'Khan', '1945-03-02');
      await signIn(svc.url, aisha.email, aisha.password); // signed in on another device too: that session is to end
      const body = { currentPassword: aisha.password, newPassword: 'a brand new pass phrase' };
      await halfWay('sessions', 'UPDATE', undefined, async () => failed(await request(svc.url).post('/auth/password').set(aisha.auth).send(body)));
      await request(svc.url).post('/auth/login').send({ email: aisha.email, password: aisha.password }).expect(200);
      await request(svc.url).post('/auth/password').set(aisha.auth).send(body).expect(204);
      expect(await db.count('sessions s JOIN accounts a ON a.id = s.account_id', `a.email = '${aisha.email}' AND s.revoked_at IS NULL`)).toBe(1);
    });

    it('a notice: when it cannot be marked given, no portal message or email of it is kept (the sweep gives it whole later)', async () => {
      const andrew = await signUp(svc.url, 'Andrew', 'Jones', '1960-05-05');
      const { organizationId } = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator');
      const stop = await db.failOn('notices_done', 'INSERT');
      const consent = await add(svc.url, andrew, share(andrew.patientId, `Organization/${organizationId}`, ['Goal']));
      await stop();
      expect(await db.count('notifications', `notice_key LIKE '%${consent}%'`)).toBe(0);
      expect(await db.count('outbox', `notice_key LIKE '%${consent}%'`)).toBe(0);
      await svc.service.notifier.sweep();
      expect(await db.count('notifications', `notice_key LIKE '%${consent}%'`)).toBe(1);
      expect(await db.count('notices_done', `notice_key LIKE '%${consent}%'`)).toBe(1);
    });
  });
}
