import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { verifyHealthCard } from '../../src/cards/health-card.ts';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { fromNumericQr, toNumericQr } from '../../src/cards/numeric-qr.ts';
import { qrVersion, renderQrPng } from '../../src/cards/qr-image.ts';
import { FhirError } from '../../src/fhir/errors.ts';
import { demoPeople } from '../../src/demo/people.ts';
import { startService, type RunningService } from '../support/service.ts';

const shc = new URL('../fixtures/shc/', import.meta.url).pathname;
const text = (f: string) => readFileSync(`${shc}${f}`, 'utf8').trim();
const specKeys = JSON.parse(text('issuer-jwks.json')) as { keys: JWK[] };

async function rejection(promise: Promise<unknown>): Promise<FhirError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FhirError);
  return error as FhirError;
}

/** A verifier written straight from the JWS and SMART Health Cards rules with node:crypto, sharing nothing with ours. */
function independentlyVerify(jws: string, jwks: { keys: JWK[] }): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const [h, p, s] = jws.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  const jwk = jwks.keys.find((k) => k.kid === header.kid)!;
  const ok = verify('sha256', Buffer.from(`${h}.${p}`), { key: createPublicKey({ key: jwk as never, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
  if (!ok || header.alg !== 'ES256' || header.zip !== 'DEF') throw new Error('not a valid health card');
  return JSON.parse(inflateRawSync(Buffer.from(p, 'base64url')).toString());
}

/** Reads a QR code from a PNG with jsQR, which shares no code with the library that drew it. */
function decodePng(png: Buffer): string {
  const image = PNG.sync.read(png);
  // jsqr is CommonJS with an ES-style default in its types: take whichever Node hands us.
  const decode = ((jsQR as unknown as { default?: unknown }).default ?? jsQR) as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
  const found = decode(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!found) throw new Error('no QR code found in the image');
  return found.data;
}

describe('SMART Health Cards from the specification', () => {
  it('the spec example’s QR content survives a real QR image round trip and still verifies', async () => {
    const qrText = text('example-00-f-qr-code-numeric-value-0.txt');
    const scanned = decodePng(await renderQrPng(qrText));
    expect(scanned).toBe(qrText);
    expect((await verifyHealthCard(fromNumericQr(scanned), specKeys)).iss).toBe('https://spec.smarthealth.cards/examples/issuer');
  });

  it.each(['00', '01', '02', '03'])('example %s verifies with the spec issuer’s keys', async (n) => {
    const card = await verifyHealthCard(text(`example-${n}-d-jws.txt`), specKeys);
    expect(card.iss).toBe('https://spec.smarthealth.cards/examples/issuer');
    expect(card.fhirBundle.entry?.length).toBeGreaterThan(0);
  });

  it('our numeric QR encoding matches the published QR content byte for byte', () => {
    const jws = text('example-00-d-jws.txt');
    expect(toNumericQr(jws)).toBe(text('example-00-f-qr-code-numeric-value-0.txt'));
    expect(fromNumericQr(text('example-00-f-qr-code-numeric-value-0.txt'))).toBe(jws);
  });

  it('refuses a changed card, an unknown key and something that is not a card, each with a clear reason', async () => {
    const jws = text('example-00-d-jws.txt');
    const [h, p, s] = jws.split('.');
    const tampered = `${h}.${p!.slice(0, 20)}${p![20] === 'A' ? 'B' : 'A'}${p!.slice(21)}.${s}`;
    expect((await rejection(verifyHealthCard(tampered, specKeys))).message).toMatch(/changed or was not made by its issuer/);
    const otherIssuer = JSON.parse(text('seanno-demo/issuer-jwks.json')) as { keys: JWK[] };
    expect((await rejection(verifyHealthCard(jws, otherIssuer))).message).toMatch(/does not publish/);
    expect((await rejection(verifyHealthCard('hello', specKeys))).message).toMatch(/not a SMART Health Card/);
  });
});

describe('issuing Aisha’s Red Bag card', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite', { DEMO_DATA: 'on' });
  });
  afterAll(async () => svc?.stop());

  it('gives a one-QR SMART Health Card that an independent verifier accepts, with her codeine allergy', async () => {
    const aisha = demoPeople(new Date()).find((p) => p.name.given === 'Aisha')!;
    const login = await request(svc.url).post('/auth/login').send({ email: aisha.email, password: aisha.password }).expect(200);
    const res = await request(svc.url)
      .post(`/fhir/${login.body.patient}/$health-cards-issue`)
      .set('Authorization', `Bearer ${login.body.access_token}`)
      .set('Content-Type', 'application/fhir+json')
      .send({ resourceType: 'Parameters', parameter: [{ name: 'credentialType', valueUri: 'https://smarthealth.cards#health-card' }] })
      .expect(200);
    const jws = res.body.parameter.find((p: { name: string }) => p.name === 'verifiableCredential').valueString as string;
    expect(jws.length).toBeLessThanOrEqual(1195);

    const jwksResponse = await request(svc.url).get('/.well-known/jwks.json').expect(200);
    expect(jwksResponse.headers['access-control-allow-origin']).toBe('*');
    const jwks = jwksResponse.body as { keys: JWK[] };
    expect(jwks.keys[0]!.d).toBeUndefined();
    expect(jwks.keys[0]!.kid).toBe(await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: jwks.keys[0]!.x!, y: jwks.keys[0]!.y! }));

    const payload = independentlyVerify(jws, jwks);
    expect(payload.iss).toBe(svc.url);
    expect(typeof payload.nbf).toBe('number');
    expect(payload.vc.type).toContain('https://smarthealth.cards#health-card');
    expect(payload.vc.rid).toMatch(/^[\w-]{11}$/);
    const entries = payload.vc.credentialSubject.fhirBundle.entry as Array<{ fullUrl: string; resource: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(entries.every((e, i) => e.fullUrl === `resource:${i}` && e.resource.id === undefined)).toBe(true);
    const allergy = entries.find((e) => e.resource.resourceType === 'AllergyIntolerance')!.resource;
    expect(allergy.code.coding[0].code).toBe('387494007');
    expect(allergy.criticality).toBe('high');
    expect(allergy.patient.reference).toBe('resource:0');

    const ours = await verifyHealthCard(fromNumericQr(toNumericQr(jws)), jwks);
    expect(ours.rid).toBe(payload.vc.rid);

    // Through a real QR image: draw it, read it back with an independent QR decoder, verify.
    const qrText = toNumericQr(jws);
    expect(qrVersion(qrText)).toBeLessThanOrEqual(22);
    const scanned = decodePng(await renderQrPng(qrText));
    expect(scanned).toBe(qrText);
    expect((await verifyHealthCard(fromNumericQr(scanned), jwks)).fhirBundle).toEqual(payload.vc.credentialSubject.fhirBundle);
  });
});
