import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Bundle } from '@medplum/fhirtypes';
import { decodeHealthLink, decryptFile } from '../../src/cards/health-link.ts';
import { postgresReachable } from '../support/postgres.ts';
import { startService, type RunningService, type StoreKind } from '../support/service.ts';
import { signUp, type SignedIn } from '../support/people.ts';

const stores: StoreKind[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

describe.each(stores)('SMART Health Links to the letter of the specification (%s)', (kind) => {
  let svc: RunningService;
  let rina: SignedIn;
  const makeLink = async (body: object) => {
    const made = await request(svc.url).post(`/fhir/Patient/${rina.patientId}/health-links`).set(rina.auth).send({ label: 'For the clinic', expiresAt: inAWeek(), ...body }).expect(201);
    const payload = decodeHealthLink(made.body.shlink as string, new Date());
    return { id: made.body.id as string, payload, path: new URL(payload.url).pathname };
  };
  const attemptsLeft = async (id: string) => {
    const list = await request(svc.url).get(`/fhir/Patient/${rina.patientId}/health-links`).set(rina.auth).expect(200);
    return list.body.find((l: { id: string }) => l.id === id) as { locked: boolean; accesses: { outcome: string }[] };
  };
  beforeAll(async () => {
    svc = await startService(kind);
    rina = await signUp(svc.url, 'Rina', 'Shah');
  });
  afterAll(async () => svc?.stop());

  it('fifty wrong passcodes sent at once get no more tries than five sent one by one', async () => {
    const link = await makeLink({ passcode: 'right-passcode' });
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      fetch(`${svc.url}${link.path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ recipient: `guesser ${i}`, passcode: `guess-${i}` }) })
        .then(async (r) => ({ status: r.status, body: (await r.json()) as { remainingAttempts?: number } }))));
    const wrong = answers.filter((a) => a.status === 401);
    const refused = answers.filter((a) => a.status === 404);
    expect(wrong).toHaveLength(5);
    expect(refused).toHaveLength(45);
    expect(wrong.map((a) => a.body.remainingAttempts).sort()).toEqual([0, 1, 2, 3, 4]);
    // Locked for good: even the right passcode is refused now.
    await request(svc.url).post(link.path).send({ recipient: 'Rina', passcode: 'right-passcode' }).expect(404);
    expect((await attemptsLeft(link.id)).locked).toBe(true);
  });

  it('a right passcode does not use up an attempt; only wrong ones count', async () => {
    const link = await makeLink({ passcode: 'right-passcode' });
    for (let i = 0; i < 7; i++) await request(svc.url).post(link.path).send({ recipient: 'Clinic', passcode: 'right-passcode' }).expect(200);
    const wrong = await request(svc.url).post(link.path).send({ recipient: 'Clinic', passcode: 'nope-nope' }).expect(401);
    expect(wrong.body.remainingAttempts).toBe(4);
  });

  it('a GET of a passcode link answers 401 with the attempts left, and spends none', async () => {
    const link = await makeLink({ passcode: 'right-passcode' });
    for (let i = 0; i < 8; i++) {
      const res = await request(svc.url).get(`${link.path}?recipient=Someone`).expect(401);
      expect(res.body).toEqual({ remainingAttempts: 5 });
    }
    const noPasscode = await request(svc.url).post(link.path).send({ recipient: 'Someone' }).expect(401);
    expect(noPasscode.body).toEqual({ remainingAttempts: 5 });
    const wrong = await request(svc.url).post(link.path).send({ recipient: 'Someone', passcode: 'wrong-one' }).expect(401);
    expect(wrong.body.remainingAttempts).toBe(4);
    const opened = await request(svc.url).post(link.path).send({ recipient: 'Someone', passcode: 'right-passcode' }).expect(200);
    expect(opened.body.files[0].embedded).toMatch(/^ey/);
  });

  it('the manifest says each file is FHIR R4 (fhirVersion 4.0.1) and when it was made', async () => {
    const link = await makeLink({});
    const res = await request(svc.url).post(link.path).send({ recipient: 'Clinic' }).expect(200);
    expect(res.body.files).toHaveLength(1);
    expect(res.body.files[0]).toMatchObject({ contentType: 'application/fhir+json', fhirVersion: '4.0.1' });
    expect(Date.parse(res.body.files[0].lastUpdated)).not.toBeNaN();
  });

  it('honours embeddedLengthMax: a longer file goes by a location that serves it once', async () => {
    const link = await makeLink({});
    const full = await request(svc.url).post(link.path).send({ recipient: 'Clinic', embeddedLengthMax: 1_000_000 }).expect(200);
    expect(full.body.files[0].embedded).toBeDefined();
    const short = await request(svc.url).post(link.path).send({ recipient: 'Clinic', embeddedLengthMax: 100 }).expect(200);
    const file = short.body.files[0];
    expect(file.embedded).toBeUndefined();
    expect(file).toMatchObject({ contentType: 'application/fhir+json', fhirVersion: '4.0.1' });
    const location = new URL(file.location as string);
    expect(location.origin).toBe(svc.url);
    const fetched = await request(svc.url).get(location.pathname).expect(200);
    expect(fetched.headers['content-type']).toMatch(/application\/jose/);
    expect(fetched.headers['access-control-allow-origin']).toBe('*');
    const bundle = JSON.parse((await decryptFile(fetched.text, link.payload.key)).plaintext) as Bundle;
    expect(bundle.type).toBe('document');
    // Single use.
    await request(svc.url).get(location.pathname).expect(404);
    const bad = await request(svc.url).post(link.path).send({ recipient: 'Clinic', embeddedLengthMax: 'short' }).expect(400);
    expect(bad.body.issue[0].expression).toEqual(['embeddedLengthMax']);
  });

  it('a location stops working when the person stops the link', async () => {
    const link = await makeLink({});
    const short = await request(svc.url).post(link.path).send({ recipient: 'Clinic', embeddedLengthMax: 10 }).expect(200);
    await request(svc.url).delete(`/fhir/Patient/${rina.patientId}/health-links/${link.id}`).set(rina.auth).expect(204);
    await request(svc.url).get(new URL(short.body.files[0].location as string).pathname).expect(404);
  });

  it('takes the link request as application/fhir+json too, and refuses other media types with 415', async () => {
    const asFhir = await request(svc.url).post(`/fhir/Patient/${rina.patientId}/health-links`).set(rina.auth).set('Content-Type', 'application/fhir+json')
      .send(JSON.stringify({ label: 'Sent as FHIR JSON', expiresAt: inAWeek() })).expect(201);
    expect(asFhir.body.shlink).toMatch(/^shlink:\//);
    const asText = await request(svc.url).post(`/fhir/Patient/${rina.patientId}/health-links`).set(rina.auth).set('Content-Type', 'text/plain')
      .send(JSON.stringify({ label: 'Sent as text', expiresAt: inAWeek() })).expect(415);
    expect(asText.body.resourceType).toBe('OperationOutcome');
    expect(asText.body.issue[0].details.text).toMatch(/JSON/);
  });
});
