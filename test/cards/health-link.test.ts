import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JWK } from 'jose';
import { decodeHealthLink, decryptFile, encodeHealthLink, encryptFile } from '../../src/cards/health-link.ts';
import { verifyHealthCard } from '../../src/cards/health-card.ts';

const shl = new URL('../fixtures/shl/', import.meta.url).pathname;
const json = (f: string) => JSON.parse(readFileSync(`${shl}${f}`, 'utf8'));
const text = (f: string) => readFileSync(`${shl}${f}`, 'utf8').trim();
const now = new Date('2026-11-24T09:00:00Z');

describe('SMART Health Links, checked against the specification’s examples', () => {
  it('encodes the spec’s example payload to exactly the published shlink:/', () => {
    const example = json('spec-example-shlink-generation.json');
    expect(encodeHealthLink(example.shlinkJsonPayload)).toBe(example.shlinkBare);
    expect(decodeHealthLink(example.shlinkWithViewer, now)).toEqual(example.shlinkJsonPayload);
  });

  it('decrypts the spec’s example file (dir, A256GCM, cty) to a health card that verifies', async () => {
    const example = json('spec-example-jwe-shc-file.json');
    const file = await decryptFile(example.jwe, example.key);
    expect(file.contentType).toBe('application/smart-health-card');
    const card = JSON.parse(file.plaintext) as { verifiableCredential: string[] };
    const keys = JSON.parse(readFileSync(new URL('../fixtures/shc/issuer-jwks.json', import.meta.url), 'utf8')) as { keys: JWK[] };
    expect((await verifyHealthCard(card.verifiableCredential[0]!, keys)).iss).toBe('https://spec.smarthealth.cards/examples/issuer');
  });

  it('decrypts the IPS document behind a real U-flag link (no cty in that file)', async () => {
    const link = decodeHealthLink(text('IPS_IG-bundle-01-shl.txt').replace(/^.*#/, ''), new Date('2024-01-01T00:00:00Z'));
    expect(link.flag).toContain('U');
    const file = await decryptFile(text('IPS_IG-bundle-01-enc.txt'), link.key);
    expect(JSON.parse(file.plaintext)).toEqual(json('IPS_IG-bundle-01.json'));
  });

  it('refuses an expired link, a defective one and a wrong key, each with a clear reason', async () => {
    expect(() => decodeHealthLink(text('seanno-demo/example-covid-shl-expired.txt').replace(/^.*#/, ''), now)).toThrow(/expired/);
    // The spec's published shl-payload-1.json is defective (exp as a string in ms): refused, not misread.
    const defective = `shlink:/${Buffer.from(JSON.stringify(json('shl-payload-1.json'))).toString('base64url')}`;
    expect(() => decodeHealthLink(defective, now)).toThrow(/expiry cannot be read/);
    const example = json('spec-example-jwe-shc-file.json');
    await expect(decryptFile(example.jwe, 'A'.repeat(43))).rejects.toThrow(/cannot be opened/);
  });

  it('round-trips our own files with the content type a viewer needs', async () => {
    const key = Buffer.alloc(32, 7).toString('base64url');
    const jwe = await encryptFile('{"resourceType":"Bundle"}', key, 'application/fhir+json');
    expect(JSON.parse(Buffer.from(jwe.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'dir', enc: 'A256GCM', cty: 'application/fhir+json' });
    expect(await decryptFile(jwe, key)).toEqual({ contentType: 'application/fhir+json', plaintext: '{"resourceType":"Bundle"}' });
  });
});
