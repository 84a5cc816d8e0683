import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Consent } from '@medplum/fhirtypes';
import { revocationList } from '../../src/cards/revocation.ts';
import { postgresReachable } from '../support/postgres.ts';
import { startService, type RunningService, type StoreKind } from '../support/service.ts';
import { adminEnv, organisationWithProfessional, share, signUp } from '../sharing/sharing-harness.ts';
import type { SignedIn } from '../support/people.ts';

const stores: StoreKind[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
const participationType = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

describe('the revocation list names each rid once', () => {
  it('with the latest of its timestamps, whatever order they were added in', () => {
    const list = revocationList('kid-1', [
      { rid: 'aaa', revokedAt: '2026-03-03T10:00:00Z' },
      { rid: 'bbb', revokedAt: '2026-03-04T10:00:00Z' },
      { rid: 'aaa', revokedAt: '2026-06-14T09:00:00Z' },
      { rid: 'aaa', revokedAt: '2026-05-01T09:00:00Z' },
    ]);
    expect(list.rids).toEqual([`aaa.${Date.parse('2026-06-14T09:00:00Z') / 1000}`, `bbb.${Date.parse('2026-03-04T10:00:00Z') / 1000}`]);
    expect(list.ctr).toBe(5);
  });
});

describe.each(stores)('SMART Health Cards and FHIR JSON to the letter (%s)', (kind) => {
  let svc: RunningService;
  let aisha: SignedIn;
  beforeAll(async () => {
    svc = await startService(kind, adminEnv);
    aisha = await signUp(svc.url, 'Aisha', 'Khan');
  });
  afterAll(async () => svc?.stop());

  it('a card lost twice is listed once in the published revocation list, with the later time', async () => {
    const revoke = () => request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$health-cards-revoke`).set(aisha.auth).expect(200);
    await revoke();
    await new Promise((r) => setTimeout(r, 1100));
    await revoke();
    const kid = (await request(svc.url).get('/.well-known/jwks.json').expect(200)).body.keys[0].kid as string;
    const crl = (await request(svc.url).get(`/.well-known/crl/${kid}.json`).expect(200)).body as { rids: string[]; ctr: number };
    const rids = crl.rids.map((entry) => entry.split('.')[0]);
    expect(new Set(rids).size).toBe(rids.length);
    expect(rids).toHaveLength(1);
    expect(crl.ctr).toBe(3);
  });

  it('/.well-known/smart-configuration lists the health-cards capability', async () => {
    const config = await request(svc.url).get('/.well-known/smart-configuration').expect(200);
    expect(config.body.capabilities).toContain('health-cards');
  });

  it('a share names its recipient with v3 ParticipationType IRCP, and the service accepts it', async () => {
    const { organizationId } = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator');
    const consent = share(aisha.patientId, `Organization/${organizationId}`, ['CarePlan']) as Consent;
    expect(consent.provision?.actor?.[0]?.role.coding).toEqual([{ system: participationType, code: 'IRCP', display: 'information recipient' }]);
    const stored = await request(svc.url).post('/fhir/Consent').set(aisha.auth).set('Content-Type', 'application/fhir+json').send(consent).expect(201);
    expect(stored.body.provision.actor[0].role.coding[0].system).toBe(participationType);
  });

  it('JSON endpoints under /fhir take application/fhir+json bodies, and answer 415 to other media types', async () => {
    const asFhir = await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/carer-invitations`).set(aisha.auth)
      .set('Content-Type', 'application/fhir+json').send(JSON.stringify({ rights: 'view' })).expect(201);
    expect(asFhir.body.code).toBeDefined();
    const asText = await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/carer-invitations`).set(aisha.auth)
      .set('Content-Type', 'text/plain').send(JSON.stringify({ rights: 'view' })).expect(415);
    expect(asText.body.issue[0].details.text).toMatch(/JSON/);
    const noType = await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$emergency-access`).set(aisha.auth)
      .set('Content-Type', 'application/x-www-form-urlencoded').send('reason=She+collapsed+at+home+and+cannot+speak').expect(415);
    expect(noType.body.resourceType).toBe('OperationOutcome');
  });
});
