import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { JWK } from 'jose';
import { verifyHealthCard } from '../../src/cards/health-card.ts';
import { isRevoked } from '../../src/cards/revocation.ts';
import { startService, type RunningService } from '../support/service.ts';
import { signUp } from '../support/people.ts';

const shc = new URL('../fixtures/shc/', import.meta.url).pathname;
const read = (f: string) => readFileSync(`${shc}${f}`, 'utf8').trim();

describe('revocation lists as the specification defines them', () => {
  it('a rid listed without a timestamp is revoked (seanno demo card "imrevoked")', async () => {
    const crl = JSON.parse(read('seanno-demo/crl-ViOf-Tjl_GjJhYkOtWv9o7BcnVR1Bz4RNWfY34dAw_k.json'));
    const keys = JSON.parse(read('seanno-demo/issuer-jwks.json')) as { keys: JWK[] };
    const revoked = await verifyHealthCard(read('seanno-demo/carin-revoked-jws-raw.txt'), keys);
    const revocable = await verifyHealthCard(read('seanno-demo/carin-revocable-jws-raw.txt'), keys);
    expect(isRevoked(revoked, crl)).toBe(true);
    expect(isRevoked(revocable, crl)).toBe(false);
  });

  it('a rid with a timestamp revokes only cards signed before it (spec example 03 was re-signed later)', async () => {
    const crl = JSON.parse(read('crl-3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s.json'));
    const card = await verifyHealthCard(read('example-03-d-jws.txt'), JSON.parse(read('issuer-jwks.json')));
    expect(card.rid).toBe('vwAjHdarZuc');
    expect(isRevoked(card, crl)).toBe(false);
    expect(isRevoked({ ...card, nbf: 1664492000 }, crl)).toBe(true);
  });
});

describe('a person revokes her lost card', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite');
  });
  afterAll(async () => svc?.stop());

  it('the old card shows as revoked in the published list, a card made afterwards does not', async () => {
    const aisha = await signUp(svc.url, 'Aisha', 'Khan');
    const issue = async () => {
      const res = await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$health-cards-issue`).set(aisha.auth).set('Content-Type', 'application/fhir+json').send({ resourceType: 'Parameters' }).expect(200);
      return res.body.parameter[0].valueString as string;
    };
    const jwks = async () => (await request(svc.url).get('/.well-known/jwks.json').expect(200)).body as { keys: Array<JWK & { crlVersion?: number }> };
    const old = await verifyHealthCard(await issue(), await jwks());
    const kid = (await jwks()).keys[0]!.kid!;
    expect((await jwks()).keys[0]!.crlVersion).toBe(1);

    await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$health-cards-revoke`).set(aisha.auth).expect(200);
    const crlResponse = await request(svc.url).get(`/.well-known/crl/${kid}.json`).expect(200);
    expect(crlResponse.headers['access-control-allow-origin']).toBe('*');
    expect(crlResponse.body).toMatchObject({ kid, method: 'rid', ctr: 2 });
    expect((await jwks()).keys[0]!.crlVersion).toBe(2);
    expect(isRevoked(old, crlResponse.body)).toBe(true);

    await new Promise((r) => setTimeout(r, 1100));
    const replacement = await verifyHealthCard(await issue(), await jwks());
    expect(replacement.rid).toBe(old.rid);
    expect(isRevoked(replacement, crlResponse.body)).toBe(false);
  });

  it('nobody else can revoke her cards', async () => {
    const aisha = await signUp(svc.url, 'Aisha', 'Two');
    const rina = await signUp(svc.url, 'Rina', 'Shah');
    await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$health-cards-revoke`).set(rina.auth).expect(404);
  });
});
