import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Bundle, Composition } from '@medplum/fhirtypes';
import { decodeHealthLink, decryptFile } from '../../src/cards/health-link.ts';
import { startService, type RunningService } from '../support/service.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';

describe('SMART Health Links to the full summary', () => {
  let svc: RunningService;
  let andrew: SignedIn;
  const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
  const open = (shlink: string, body: object) => {
    const url = new URL(decodeHealthLink(shlink, new Date()).url);
    return request(svc.url).post(url.pathname).send(body);
  };
  beforeAll(async () => {
    svc = await startService('sqlite');
    andrew = await signUp(svc.url, 'Andrew', 'Wilson');
  });
  afterAll(async () => svc?.stop());

  it('opens with the passcode to a summary rebuilt from the current record, and logs each access', async () => {
    const made = await request(svc.url).post(`/fhir/Patient/${andrew.patientId}/health-links`).set(andrew.auth).send({ label: 'For the discharge team', expiresAt: inAWeek(), passcode: 'hip-2026' }).expect(201);
    const payload = decodeHealthLink(made.body.shlink, new Date());
    expect(payload.flag).toBe('LP');
    expect(payload.label).toBe('For the discharge team');

    const first = await open(made.body.shlink, { recipient: 'Northgate Hospital discharge team', passcode: 'hip-2026' }).expect(200);
    expect(first.headers['access-control-allow-origin']).toBe('*');
    const file = await decryptFile(first.body.files[0].embedded, payload.key);
    expect(file.contentType).toBe('application/fhir+json');
    const before = JSON.parse(file.plaintext) as Bundle;
    expect((before.entry![0]!.resource as Composition).section![0]!.text!.div).toMatch(/Allergies not recorded/);

    // The record changes; the same link shows the change at once.
    await request(svc.url).post('/fhir/AllergyIntolerance').set(andrew.auth).set('Content-Type', fhirJson).send({
      resourceType: 'AllergyIntolerance',
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '764146007', display: 'Penicillin' }] },
      patient: { reference: `Patient/${andrew.patientId}` },
    }).expect(201);
    const second = await open(made.body.shlink, { recipient: 'Northgate Hospital discharge team', passcode: 'hip-2026' }).expect(200);
    const after = JSON.parse((await decryptFile(second.body.files[0].embedded, payload.key)).plaintext) as Bundle;
    expect((after.entry![0]!.resource as Composition).section![0]!.text!.div).toMatch(/Penicillin/);

    const list = await request(svc.url).get(`/fhir/Patient/${andrew.patientId}/health-links`).set(andrew.auth).expect(200);
    expect(list.body[0].accesses.map((a: { recipient: string; outcome: string }) => `${a.recipient}: ${a.outcome}`)).toEqual([
      'Northgate Hospital discharge team: opened',
      'Northgate Hospital discharge team: opened',
    ]);
  });

  it('counts down wrong passcodes and locks the link after five', async () => {
    const made = await request(svc.url).post(`/fhir/Patient/${andrew.patientId}/health-links`).set(andrew.auth).send({ label: 'Locked', expiresAt: inAWeek(), passcode: 'right-one' }).expect(201);
    for (let left = 4; left >= 0; left--) {
      const wrong = await open(made.body.shlink, { recipient: 'someone', passcode: 'guess' }).expect(401);
      expect(wrong.body.remainingAttempts).toBe(left);
    }
    await open(made.body.shlink, { recipient: 'someone', passcode: 'right-one' }).expect(404);
  });

  it('a revoked link stops at once; only the person can list or revoke her links', async () => {
    const made = await request(svc.url).post(`/fhir/Patient/${andrew.patientId}/health-links`).set(andrew.auth).send({ label: 'Home care', expiresAt: inAWeek() }).expect(201);
    expect(decodeHealthLink(made.body.shlink, new Date()).flag).toBe('L');
    await open(made.body.shlink, { recipient: 'Helping Hands home care' }).expect(200);
    const rina = await signUp(svc.url, 'Rina', 'Shah');
    await request(svc.url).delete(`/fhir/Patient/${andrew.patientId}/health-links/${made.body.id}`).set(rina.auth).expect(404);
    await request(svc.url).get(`/fhir/Patient/${andrew.patientId}/health-links`).set(rina.auth).expect(404);
    await request(svc.url).delete(`/fhir/Patient/${andrew.patientId}/health-links/${made.body.id}`).set(andrew.auth).expect(204);
    const refused = await open(made.body.shlink, { recipient: 'Helping Hands home care' }).expect(404);
    expect(refused.body.issue[0].details.text).toMatch(/no longer active/);
  });

  it('a direct (U-flag) link serves the encrypted summary itself to a GET with the recipient', async () => {
    const made = await request(svc.url).post(`/fhir/Patient/${andrew.patientId}/health-links`).set(andrew.auth).send({ label: 'Wallet', expiresAt: inAWeek(), direct: true }).expect(201);
    const payload = decodeHealthLink(made.body.shlink, new Date());
    expect(payload.flag).toBe('U');
    const url = new URL(payload.url);
    const res = await request(svc.url).get(`${url.pathname}?recipient=${encodeURIComponent('Ambulance crew')}`).expect(200);
    expect(res.headers['content-type']).toMatch(/application\/jose/);
    const bundle = JSON.parse((await decryptFile(res.text, payload.key)).plaintext) as Bundle;
    expect(bundle.type).toBe('document');
    await request(svc.url).post(`/fhir/Patient/${andrew.patientId}/health-links`).set(andrew.auth).send({ label: 'Both', expiresAt: inAWeek(), direct: true, passcode: 'secret-1' }).expect(422);
  });

  it('refuses an expiry in the past and a missing recipient with plain reasons', async () => {
    const past = await request(svc.url).post(`/fhir/Patient/${andrew.patientId}/health-links`).set(andrew.auth).send({ label: 'Old', expiresAt: '2020-01-01T00:00:00Z' }).expect(422);
    expect(past.body.issue[0].details.text).toMatch(/future/);
    const made = await request(svc.url).post(`/fhir/Patient/${andrew.patientId}/health-links`).set(andrew.auth).send({ label: 'X', expiresAt: inAWeek() }).expect(201);
    const noRecipient = await open(made.body.shlink, {}).expect(400);
    expect(noRecipient.body.issue[0].expression).toEqual(['recipient']);
  });
});
