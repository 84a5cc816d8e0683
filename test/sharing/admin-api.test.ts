import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../support/service.ts';
import { adminEmail, adminEnv, adminPassword, organisationWithProfessional, signIn, signUp } from './sharing-harness.ts';

const run = promisify(execFile);

describe('organisations and professionals, made by an admin', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite', adminEnv);
  });
  afterAll(async () => svc.stop());

  it('the admin from the configuration signs in like everyone; her professional signs in and is told who she is', async () => {
    const { professional, organizationId, practitionerRoleId } = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator');
    expect(professional.body).toMatchObject({ token_type: 'Bearer', practitionerRole: `PractitionerRole/${practitionerRoleId}` });
    expect(professional.body.patient).toBeUndefined();
    const me = await request(svc.url).get('/auth/me').set(professional.auth).expect(200);
    expect(me.body).toMatchObject({ kind: 'professional', role: 'discharge-coordinator', organization: `Organization/${organizationId}`, name: { given: 'Sam', family: 'Patel' } });
    // The directory entries are FHIR, readable by anyone signed in.
    const role = await request(svc.url).get(`/fhir/PractitionerRole/${practitionerRoleId}`).set(professional.auth).expect(200);
    expect(role.body.organization.reference).toBe(`Organization/${organizationId}`);
    const org = await request(svc.url).get(`/fhir/Organization/${organizationId}`).set(professional.auth).expect(200);
    expect(org.body.type[0].coding.map((c: { code: string }) => c.code)).toEqual(['dept', 'hospital-discharge-team']);
  });

  it('refuses anyone but an admin, bad input with the field named, an unknown organisation and a taken email', async () => {
    await request(svc.url).post('/admin/organizations').send({ name: 'X', type: 'gp-practice' }).expect(401);
    const rina = await signUp(svc.url, 'Rina', 'Shah');
    await request(svc.url).post('/admin/organizations').set(rina.auth).send({ name: 'X', type: 'gp-practice' }).expect(403);
    const admin = await signIn(svc.url, adminEmail, adminPassword);
    const bad = await request(svc.url).post('/admin/organizations').set(admin.auth).send({ name: 'X', type: 'pharmacy' }).expect(400);
    expect(bad.body.issue[0].expression).toEqual(['type']);
    const professional = { email: 'new@example.org', password: 'a long enough password', name: { given: 'A', family: 'B' }, role: 'clinician' };
    const unknown = await request(svc.url).post('/admin/professionals').set(admin.auth).send({ ...professional, organization: 'Organization/nope' }).expect(422);
    expect(unknown.body.issue[0].expression).toEqual(['organization']);
    const badRole = await request(svc.url).post('/admin/professionals').set(admin.auth).send({ ...professional, organization: 'Organization/x', role: 'surgeon' }).expect(400);
    expect(badRole.body.issue[0].expression).toEqual(['role']);
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

  it('the command-line tool makes an organisation and a professional through the same API', async () => {
    const env = { ...process.env, REDBAG_ADMIN_EMAIL: adminEmail, REDBAG_ADMIN_PASSWORD: adminPassword, REDBAG_PASSWORD: 'district nurse bicycle' };
    const cli = (...args: string[]) => run(process.execPath, ['scripts/admin.ts', ...args, '--url', svc.url], { env });
    const org = await cli('create-organization', '--name', 'Lakeside Local Area Coordination', '--type', 'local-area-coordination');
    const organization = /Created (Organization\/\S+)/.exec(org.stdout)?.[1];
    expect(organization).toBeDefined();
    const pro = await cli('create-professional', '--email', 'lac@lakeside.example.org', '--given', 'Jo', '--family', 'Reid', '--organization', organization!, '--role', 'coordinator');
    expect(pro.stdout).toMatch(/Created PractitionerRole\//);
    expect((await cli('list-professionals')).stdout).toContain('lac@lakeside.example.org');
    await signIn(svc.url, 'lac@lakeside.example.org', 'district nurse bicycle');
    await expect(cli('create-organization', '--name', 'X', '--type', 'zoo')).rejects.toMatchObject({ stderr: expect.stringContaining('type: Say what kind of organisation it is') });
  });
});

describe('the first admin', () => {
  it('is made at first start from ADMIN_EMAIL and ADMIN_PASSWORD, and not again at the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redbag-admin-'));
    try {
      for (let start = 0; start < 2; start++) {
        const svc = await startService('sqlite', { ...adminEnv, DATA_DIR: dataDir });
        await signIn(svc.url, adminEmail, adminPassword);
        expect(await svc.service.stores.accounts.countAccounts('admin')).toBe(1);
        await svc.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
