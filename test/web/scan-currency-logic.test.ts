import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuerDirectory, type KeyValueStorage } from '../../web/src/scan/issuer-directory.ts';
import { verifyCard } from '../../web/src/scan/verify-card.ts';
import { fhirJson } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { aishaWithAllergy, issueCard } from './red-bag-fixture.ts';

function memoryStorage(): KeyValueStorage {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

describe('the scanner tells a current card from a superseded or lost one (over real HTTP)', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite');
  });
  afterAll(async () => svc.stop());
  const directory = (online: boolean, storage = memoryStorage()) =>
    createIssuerDirectory({ trustList: [{ iss: svc.url, name: 'Red Bag' }], storage, fetch, online: () => online, now: () => new Date() });

  it('her latest card is confirmed current online; offline it is verified but not confirmed', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const jws = await issueCard(svc.url, aisha);
    const storage = memoryStorage();
    expect(await verifyCard(jws, directory(true, storage), new Date())).toMatchObject({ status: 'verified', confirmedCurrent: true });
    expect(await verifyCard(jws, directory(false, storage), new Date())).toMatchObject({ status: 'verified', confirmedCurrent: false });
  });

  it('an older card is superseded once the record changes in what it shows (since that change), and by a newer card; a lost card is revoked', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const older = await issueCard(svc.url, aisha);
    const before = Date.now();
    await request(svc.url).post('/fhir/MedicationStatement').set(aisha.auth).set('Content-Type', fhirJson).send({
      resourceType: 'MedicationStatement',
      status: 'active',
      medicationCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '387458008', display: 'Aspirin' }] },
      subject: { reference: `Patient/${aisha.patientId}` },
    }).expect(201);
    // Not printed again yet: the record changed in what the card shows.
    expect(await verifyCard(older, directory(true), new Date())).toMatchObject({ status: 'superseded', reason: 'record-changed' });
    await new Promise((r) => setTimeout(r, 1100));
    await issueCard(svc.url, aisha);
    const check = await verifyCard(older, directory(true), new Date());
    expect(check).toMatchObject({ status: 'superseded', reason: 'newer-card' });
    const since = Date.parse((check as { newerSince: string }).newerSince);
    expect(since).toBeGreaterThanOrEqual(before - 1000);
    expect(since).toBeLessThanOrEqual(Date.now());

    await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$health-cards-revoke`).set(aisha.auth).expect(200);
    expect((await verifyCard(older, directory(true), new Date())).status).toBe('revoked');
  });
});
