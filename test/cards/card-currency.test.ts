import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { JWK } from 'jose';
import { verifyHealthCard } from '../../src/cards/health-card.ts';
import { isRevoked } from '../../src/cards/revocation.ts';
import { postgresReachable } from '../support/postgres.ts';
import { startService, type RunningService, type StoreKind } from '../support/service.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';

const stores: StoreKind[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
const nextSecond = () => new Promise((r) => setTimeout(r, 1100));

const penicillin = (patientId: string) => ({
  resourceType: 'AllergyIntolerance',
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
  criticality: 'high',
  code: { coding: [{ system: 'http://snomed.info/sct', code: '764146007', display: 'Penicillin' }] },
  patient: { reference: `Patient/${patientId}` },
});

describe.each(stores)('a Red Bag card is current, or clearly not (%s)', (kind) => {
  let svc: RunningService;
  const issue = async (who: SignedIn, patientId = who.patientId) => {
    const res = await request(svc.url).post(`/fhir/Patient/${patientId}/$health-cards-issue`).set(who.auth).set('Content-Type', fhirJson).send({ resourceType: 'Parameters' }).expect(200);
    const jwks = (await request(svc.url).get('/.well-known/jwks.json').expect(200)).body as { keys: JWK[] };
    return verifyHealthCard(res.body.parameter[0].valueString as string, jwks);
  };
  const cardStatus = (who: SignedIn, patientId = who.patientId) => request(svc.url).get(`/red-bag/${patientId}/card-status`).set(who.auth);
  const scannerStatus = (card: { rid?: string; nbf: number }) => request(svc.url).get(`/shc/card-status/${card.rid}?nbf=${card.nbf}`);
  const carerOf = async (person: SignedIn, rights: 'view' | 'manage', given: string) => {
    const carer = await signUp(svc.url, given, 'Carer');
    const invitation = await request(svc.url).post(`/fhir/Patient/${person.patientId}/carer-invitations`).set(person.auth).send({ rights }).expect(201);
    await request(svc.url).post('/carers/accept').set(carer.auth).send({ code: invitation.body.code }).expect(201);
    return carer;
  };
  beforeAll(async () => {
    svc = await startService(kind);
  });
  afterAll(async () => svc?.stop());

  it('a card made before she added an allergy is out of date on her home page, and her carer’s, with what changed', async () => {
    const aisha = await signUp(svc.url, 'Aisha', 'Khan');
    expect((await cardStatus(aisha).expect(200)).body.state).toBe('none');
    await issue(aisha);
    const fresh = (await cardStatus(aisha).expect(200)).body;
    expect(fresh.state).toBe('current');
    await request(svc.url).post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send(penicillin(aisha.patientId)).expect(201);

    const stale = await cardStatus(aisha).expect(200);
    expect(stale.headers['cache-control']).toBe('no-store');
    expect(stale.body.state).toBe('out-of-date');
    expect(stale.body.changes).toEqual([{ kind: 'allergy', change: 'added', label: 'Penicillin' }]);
    expect(stale.body.message).toMatch(/^The printed Red Bag, made on \d{1,2} \w+ \d{4}, is out of date\. Since then, an allergy was added \(Penicillin\)\./);

    // Showing the code on her phone makes a card too, but not the printed one: the warning stays.
    await request(svc.url).get(`/red-bag/${aisha.patientId}/qr.svg`).set(aisha.auth).expect(200);
    expect((await cardStatus(aisha).expect(200)).body.state).toBe('out-of-date');

    const sara = await carerOf(aisha, 'view', 'Sara');
    expect((await cardStatus(sara, aisha.patientId).expect(200)).body.state).toBe('out-of-date');
    const stranger = await signUp(svc.url, 'Eve', 'Other');
    await cardStatus(stranger, aisha.patientId).expect(404);
    await request(svc.url).get(`/red-bag/${aisha.patientId}/card-status`).expect(401);

    // Printing again makes it current.
    await issue(aisha);
    expect((await cardStatus(aisha).expect(200)).body.state).toBe('current');
  });

  it('for a scanner, a card is superseded once the record changes in what it shows, and by a newer card, without revoking it; an unchanged reprint is the same card', async () => {
    const aisha = await signUp(svc.url, 'Aisha', 'Older');
    const first = await issue(aisha);
    const answer = await scannerStatus(first).expect(200);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.body).toEqual({ status: 'current' });

    await nextSecond();
    // Nothing it shows has changed: she is given the very card she had (same rid and nbf), not a new one.
    const reprint = await issue(aisha);
    expect([reprint.rid, reprint.nbf]).toEqual([first.rid, first.nbf]);
    expect((await scannerStatus(first).expect(200)).body).toEqual({ status: 'current' });

    const before = Date.now();
    const added = await request(svc.url).post('/fhir/AllergyIntolerance').set(aisha.auth).set('Content-Type', fhirJson).send(penicillin(aisha.patientId)).expect(201);
    // Not printed again: the record changed in what the card shows, since the allergy was saved.
    expect((await scannerStatus(first).expect(200)).body).toEqual({ status: 'superseded', reason: 'record-changed', newerSince: added.body.meta.lastUpdated });
    await nextSecond();
    const newer = await issue(aisha);
    const superseded = (await scannerStatus(first).expect(200)).body;
    expect(superseded).toMatchObject({ status: 'superseded', reason: 'newer-card' });
    expect(Date.parse(superseded.newerSince)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(superseded.newerSince)).toBeLessThanOrEqual(Date.now());
    expect((await scannerStatus(reprint).expect(200)).body.status).toBe('superseded');
    expect((await scannerStatus(newer).expect(200)).body).toEqual({ status: 'current' });

    // Superseded is not revoked: the older card stays off the revocation list.
    const crl = (await request(svc.url).get(`/.well-known/crl/${(await request(svc.url).get('/.well-known/jwks.json')).body.keys[0].kid}.json`).expect(200)).body;
    expect(isRevoked(first, crl)).toBe(false);
  });

  it('a scanner asking about a card the service never made, or with a bad nbf, is told plainly', async () => {
    expect((await request(svc.url).get('/shc/card-status/abcdefghijk?nbf=1700000000').expect(200)).body).toEqual({ status: 'unknown' });
    const bad = await request(svc.url).get('/shc/card-status/abcdefghijk?nbf=yesterday').expect(400);
    expect(bad.body.issue[0].details.text).toMatch(/nbf/);
  });

  it('she or a carer who manages her record can report the card lost; a carer who only views cannot', async () => {
    const doris = await signUp(svc.url, 'Russell', 'Moore');
    const viewer = await carerOf(doris, 'view', 'Vera');
    const manager = await carerOf(doris, 'manage', 'Doris');
    const card = await issue(doris);
    await request(svc.url).post(`/fhir/Patient/${doris.patientId}/$health-cards-revoke`).set(viewer.auth).expect((res) => expect([403, 404]).toContain(res.status));
    expect((await cardStatus(doris).expect(200)).body.state).toBe('current');

    await request(svc.url).post(`/fhir/Patient/${doris.patientId}/$health-cards-revoke`).set(manager.auth).expect(200);
    const lost = (await cardStatus(manager, doris.patientId).expect(200)).body;
    expect(lost.state).toBe('lost');
    expect(lost.message).toMatch(/reported lost on .*Print a new one/);
    const kid = (await request(svc.url).get('/.well-known/jwks.json')).body.keys[0].kid;
    expect(isRevoked(card, (await request(svc.url).get(`/.well-known/crl/${kid}.json`)).body)).toBe(true);

    await nextSecond();
    await issue(doris);
    expect((await cardStatus(doris).expect(200)).body.state).toBe('current');
  });
});
