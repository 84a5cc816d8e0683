import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNumericQr } from '../../src/cards/numeric-qr.ts';
import { createIssuerDirectory, type KeyValueStorage } from '../../web/src/scan/issuer-directory.ts';
import { decodeLink, openLink, type LinkPayload } from '../../web/src/scan/open-health-link.ts';
import { readScannedText } from '../../web/src/scan/shc-code.ts';
import { emergencyView } from '../../web/src/scan/emergency-view.ts';
import { verifyCard } from '../../web/src/scan/verify-card.ts';
import { startService, type RunningService } from '../support/service.ts';
import { aishaWithAllergy, issueCard } from './red-bag-fixture.ts';

const interop = new URL('../fixtures/', import.meta.url);
const shared = (path: string): string => readFileSync(new URL(path, interop), 'utf8');

/** localStorage's contract, in memory: what the page keeps between visits. */
function memoryStorage(): KeyValueStorage & { keys(): string[] } {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), keys: () => [...items.keys()] };
}

describe('the scanner’s checks, on cards from the specification (offline, with keys kept earlier)', () => {
  const specIssuer = 'https://spec.smarthealth.cards/examples/issuer';
  const offlineDirectory = () => {
    const storage = memoryStorage();
    storage.setItem(`redbag-scan-issuer:${specIssuer}`, JSON.stringify({
      keys: JSON.parse(shared('shc/issuer-jwks.json')).keys,
      crls: { '3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s': JSON.parse(shared('shc/crl-3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s.json')) },
      fetchedAt: '2026-11-01T00:00:00Z',
    }));
    return createIssuerDirectory({ trustList: [{ iss: specIssuer, name: 'SMART Health Cards example issuer' }], storage, fetch, online: () => false, now: () => new Date() });
  };

  it('verifies the published example card read from its QR text, with no network', async () => {
    const scanned = readScannedText(shared('shc/example-00-f-qr-code-numeric-value-0.txt'));
    expect(scanned.kind).toBe('card');
    const check = await verifyCard((scanned as { jws: string }).jws, offlineDirectory(), new Date('2026-11-24T10:00:00Z'));
    expect(check.status).toBe('verified');
  });

  it('refuses the example card once one character of its payload is changed', async () => {
    const jws = shared('shc/example-00-d-jws.txt').trim();
    const [header, payload, signature] = jws.split('.');
    const flipped = `${header}.${payload!.slice(0, -2)}${payload!.slice(-2) === 'AA' ? 'AB' : 'AA'}.${signature}`;
    const check = await verifyCard(flipped, offlineDirectory(), new Date('2026-11-24T10:00:00Z'));
    expect(check.status).toBe('not-verified');
  });

  it('says the example card from an issuer it does not trust is not verified, naming the issuer', async () => {
    const directory = createIssuerDirectory({ trustList: [], storage: memoryStorage(), fetch, online: () => false, now: () => new Date() });
    const check = await verifyCard(shared('shc/example-00-d-jws.txt').trim(), directory, new Date());
    expect(check).toMatchObject({ status: 'not-verified', reason: expect.stringContaining(specIssuer) });
  });

  it('says the expired example card (example 03) has expired', async () => {
    const check = await verifyCard(shared('shc/example-03-d-jws.txt').trim(), offlineDirectory(), new Date('2026-11-24T10:00:00Z'));
    expect(check).toMatchObject({ status: 'not-verified', reason: expect.stringContaining('expired') });
  });

  it('refuses the deprecated multi-part codes with a plain reason', () => {
    expect(() => readScannedText(shared('shc/example-02-f-qr-code-numeric-value-0.txt'))).toThrow(/several QR codes/);
  });

  it('reads the specification’s example link and refuses the published defective one', () => {
    const example = JSON.parse(shared('shl/spec-example-shlink-generation.json')) as Record<string, unknown>;
    const text = Object.values(example).find((v) => typeof v === 'string' && v.startsWith('shlink:/')) as string;
    const link = decodeLink(text, new Date('2026-11-24T10:00:00Z')) as LinkPayload;
    expect(link.flag).toBe('LP');
    expect(readScannedText(`https://viewer.example.org#${text}`).kind).toBe('link');
  });
});

describe('the scanner’s checks, on cards from this service (over real HTTP)', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite');
  });
  afterAll(async () => svc.stop());

  const onlineDirectory = (storage = memoryStorage()) =>
    createIssuerDirectory({ trustList: [{ iss: svc.url, name: 'Red Bag' }], storage, fetch, online: () => true, now: () => new Date() });

  it('verifies her card from the QR text, shows the allergy first, then still verifies offline with what it kept', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const scanned = readScannedText(toNumericQr(await issueCard(svc.url, aisha)));
    const storage = memoryStorage();
    const check = await verifyCard((scanned as { jws: string }).jws, onlineDirectory(storage), new Date());
    expect(check.status).toBe('verified');
    const view = emergencyView(check.card!.bundle);
    expect(view.name).toBe('Aisha Khan');
    expect(view.allergies[0]).toMatchObject({ text: 'Codeine', highRisk: true, reactions: 'Anaphylaxis, severe' });
    expect(storage.keys()).toEqual([`redbag-scan-issuer:${svc.url}`]); // keys only: nothing from the card is kept

    const offline = createIssuerDirectory({ trustList: [{ iss: svc.url, name: 'Red Bag' }], storage, fetch, online: () => false, now: () => new Date() });
    expect((await verifyCard((scanned as { jws: string }).jws, offline, new Date())).status).toBe('verified');
  });

  it('says a revoked card is revoked', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const jws = await issueCard(svc.url, aisha);
    await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$health-cards-revoke`).set(aisha.auth).expect(200);
    expect((await verifyCard(jws, onlineDirectory(), new Date())).status).toBe('revoked');
  });

  it('refuses a card signed with a key the issuer does not publish', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const jws = await issueCard(svc.url, aisha);
    const other = JSON.parse(shared('shc/issuer-jwks.json')).keys[0].kid as string;
    const [header, payload, signature] = jws.split('.');
    const swapped = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(header!, 'base64url').toString()), kid: other })).toString('base64url');
    const check = await verifyCard(`${swapped}.${payload}.${signature}`, onlineDirectory(), new Date());
    expect(check).toMatchObject({ status: 'not-verified', reason: expect.stringContaining('key') });
  });

  it('opens a passcode link in the scanner: asks, counts wrong tries, then shows the full summary', async () => {
    const aisha = await aishaWithAllergy(svc.url);
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const made = await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/health-links`).set(aisha.auth).send({ label: 'Red Bag', expiresAt, passcode: 'knitting-42' }).expect(201);
    const link = decodeLink(made.body.shlink, new Date()) as LinkPayload;
    const recipient = 'Paramedic (Red Bag scanner)';
    expect((await openLink(link, { recipient, fetch })).status).toBe('needs-passcode');
    expect(await openLink(link, { recipient, passcode: 'wrong-one', fetch })).toMatchObject({ status: 'wrong-passcode', remainingAttempts: expect.any(Number) });
    const opened = await openLink(link, { recipient, passcode: 'knitting-42', fetch });
    expect(opened.status).toBe('opened');
    const view = emergencyView((opened as { documents: import('@medplum/fhirtypes').Bundle[] }).documents[0]!);
    expect(view.allergies[0]?.text).toBe('Codeine');
  });

  it('says an expired link has expired, without asking the server', () => {
    const expired = `shlink:/${Buffer.from(JSON.stringify({ url: `${svc.url}/shl/x`, key: 'A'.repeat(43), exp: 1_700_000_000 })).toString('base64url')}`;
    expect(decodeLink(expired, new Date())).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('expired') });
  });
});
