import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { openService } from '../../src/service.ts';
import { createTestSchema, describeOnStore, postgresReachable } from '../support/postgres.ts';
import { startService, type RunningService, type StoreKind } from '../support/service.ts';
import { adminEmail, adminEnv, adminPassword, organisationWithProfessional, signIn, signUp } from './sharing-harness.ts';

/** Both stores always; PostgreSQL suites show as skipped (with the reason) when no server answers outside CI. */
const pgUp = await postgresReachable();
const stores: StoreKind[] = ['sqlite', 'postgres'];

for (const kind of stores) describeOnStore(kind, pgUp, `organisations and professionals, made by an admin (${kind})`, () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService(kind, adminEnv);
  });
  afterAll(async () => svc.stop());

  it('the admin from the configuration signs in like everyone and is told she is an admin, with no record of her own', async () => {
    const admin = await signIn(svc.url, adminEmail, adminPassword);
    expect(admin.body).toMatchObject({ token_type: 'Bearer' });
    expect(admin.body.patient).toBeUndefined();
    const me = await request(svc.url).get('/auth/me').set(admin.auth).expect(200);
    expect(me.body).toMatchObject({ kind: 'admin', email: adminEmail });
    expect(me.body.patient).toBeUndefined();
  });

  it('an organisation, then a professional in it, who signs in and is told who she is', async () => {
    const { professional, organizationId, practitionerRoleId } = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator');
    expect(professional.body).toMatchObject({ token_type: 'Bearer', practitionerRole: `PractitionerRole/${practitionerRoleId}` });
    expect(professional.body.patient).toBeUndefined();
    const me = await request(svc.url).get('/auth/me').set(professional.auth).expect(200);
    expect(me.body).toMatchObject({ kind: 'professional', role: 'discharge-coordinator', organization: `Organization/${organizationId}`, name: { given: 'Sam', family: 'Patel' } });
    // The directory entries are FHIR, readable by anyone signed in.
    const role = await request(svc.url).get(`/fhir/PractitionerRole/${practitionerRoleId}`).set(professional.auth).expect(200);
    expect(role.body.organization.reference).toBe(`Organization/${organizationId}`);
    expect(role.body.practitioner.reference).toMatch(/^Practitioner\//);
    // The SNOMED CT occupation that fits (a discharge coordinator coordinates care), then ours.
    expect(role.body.code[0].coding).toEqual([
      { system: 'http://snomed.info/sct', code: '768820003', display: 'Care coordinator' },
      { system: 'https://redbag.example.org/fhir/CodeSystem/professional-role', code: 'discharge-coordinator', display: 'Discharge coordinator' },
    ]);
    expect(role.body.meta.versionId).toBe('1');
    const listed = await request(svc.url).get('/admin/organizations').set((await signIn(svc.url, adminEmail, adminPassword)).auth).expect(200);
    expect(listed.body.organizations).toContainEqual({ organization: `Organization/${organizationId}`, name: 'Northgate Hospital discharge team', type: 'hospital-discharge-team' });
    const org = await request(svc.url).get(`/fhir/Organization/${organizationId}`).set(professional.auth).expect(200);
    expect(org.body.type[0].coding.map((c: { code: string }) => c.code)).toEqual(['dept', 'hospital-discharge-team']);
  });

  it('refuses anyone but an admin, bad input with the field named, an unknown organisation and a taken email', async () => {
    await request(svc.url).post('/admin/organizations').send({ name: 'X', type: 'gp-practice' }).expect(401);
    const rina = await signUp(svc.url, 'Rina', 'Shah');
    await request(svc.url).post('/admin/organizations').set(rina.auth).send({ name: 'X', type: 'gp-practice' }).expect(403);
    await request(svc.url).get('/admin/professionals').set(rina.auth).expect(403);
    const { professional: sam } = await organisationWithProfessional(svc.url, 'gp-practice', 'clinician', 'Riverside Surgery');
    await request(svc.url).get('/admin/organizations').set(sam.auth).expect(403);
    const admin = await signIn(svc.url, adminEmail, adminPassword);
    const bad = await request(svc.url).post('/admin/organizations').set(admin.auth).send({ name: 'X', type: 'pharmacy' }).expect(400);
    expect(bad.body.issue[0].expression).toEqual(['type']);
    const professional = { email: 'new@example.org', password: 'a long enough password', name: { given: 'A', family: 'B' }, role: 'clinician' };
    const unknown = await request(svc.url).post('/admin/professionals').set(admin.auth).send({ ...professional, organization: 'Organization/nope' }).expect(422);
    expect(unknown.body.issue[0].expression).toEqual(['organization']);
    const badRole = await request(svc.url).post('/admin/professionals').set(admin.auth).send({ ...professional, organization: 'Organization/x', role: 'surgeon' }).expect(400);
    expect(badRole.body.issue[0].expression).toEqual(['role']);
    const noName = await request(svc.url).post('/admin/professionals').set(admin.auth).send({ ...professional, name: { given: 'A' }, organization: 'Organization/x' }).expect(400);
    expect(noName.body.issue.map((i: { expression: string[] }) => i.expression[0])).toEqual(['name.family']);
    const weak = await request(svc.url).post('/admin/professionals').set(admin.auth).send({ ...professional, password: 'password123', organization: 'Organization/x' }).expect(400);
    expect(weak.body.issue[0].expression).toEqual(['password']);
    const org = await request(svc.url).post('/admin/organizations').set(admin.auth).send({ name: 'Riverside Surgery', type: 'gp-practice' }).expect(201);
    await request(svc.url).post('/admin/professionals').set(admin.auth).send({ ...professional, email: rina.email, organization: org.body.organization }).expect(409);
  });

  it('a professional who left is signed out at once and cannot sign in again', async () => {
    const { admin, professional, practitionerRoleId, email, password } = await organisationWithProfessional(svc.url, 'home-care-provider', 'home-care-worker', 'Brightside');
    await request(svc.url).get('/auth/me').set(professional.auth).expect(200);
    await request(svc.url).delete(`/admin/professionals/${practitionerRoleId}`).set(admin.auth).expect(204);
    await request(svc.url).get('/auth/me').set(professional.auth).expect(401);
    await request(svc.url).post('/auth/login').send({ email, password }).expect(401);
    const listed = await request(svc.url).get('/admin/professionals').set(admin.auth).expect(200);
    expect(listed.body.professionals.find((p: { practitionerRole: string }) => p.practitionerRole === `PractitionerRole/${practitionerRoleId}`)).toMatchObject({ active: false });
  });
});

/** One store kept across several starts: a data folder, or a PostgreSQL schema. */
async function keptStore(kind: StoreKind): Promise<{ env: Record<string, string>; remove: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'redbag-admin-'));
  const schema = kind === 'postgres' ? await createTestSchema('firstadmin') : undefined;
  return {
    env: { DATA_DIR: dataDir, ...(schema ? { DATABASE_URL: schema.url } : {}) },
    remove: async () => {
      await schema?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

for (const kind of stores) describeOnStore(kind, pgUp, `the first admin (${kind})`, () => {
  it('is made at first start from ADMIN_EMAIL and ADMIN_PASSWORD, and not again at the next start', async () => {
    const store = await keptStore(kind);
    try {
      for (let start = 0; start < 2; start++) {
        const svc = await startService(kind, { ...adminEnv, ...store.env });
        await signIn(svc.url, adminEmail, adminPassword);
        expect(await svc.service.stores.accounts.countAccounts('admin')).toBe(1);
        await svc.stop();
      }
    } finally {
      await store.remove();
    }
  });

  it('is made once when two instances start together on one database', async () => {
    const store = await keptStore(kind);
    const config = loadConfig({ ...adminEnv, ...store.env, PUBLIC_URL: 'http://127.0.0.1:3999', DEMO_DATA: 'off', LOG_LEVEL: 'silent' });
    try {
      const services = await Promise.all([openService(config, createLogger('silent')), openService(config, createLogger('silent'))]);
      expect(await services[0].stores.accounts.countAccounts('admin')).toBe(1);
      for (const service of services) await service.close();
    } finally {
      await store.remove();
    }
  });

  it('is not made from an email that already belongs to a person, who stays a person', async () => {
    const store = await keptStore(kind);
    try {
      const first = await startService(kind, store.env);
      const rina = await signUp(first.url, 'Rina', 'Shah');
      await first.stop();
      const second = await startService(kind, { ...store.env, ADMIN_EMAIL: rina.email, ADMIN_PASSWORD: 'a different long phrase' });
      expect(await second.service.stores.accounts.countAccounts('admin')).toBe(0);
      const me = await request(second.url).get('/auth/me').set((await signIn(second.url, rina.email, rina.password)).auth).expect(200);
      expect(me.body).toMatchObject({ kind: 'person', patient: `Patient/${rina.patientId}` });
      await second.stop();
    } finally {
      await store.remove();
    }
  });
});
