import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importJWK, type JWK } from 'jose';
import type { Flag, Patient, Resource } from '@medplum/fhirtypes';
import { issueCard } from '../../src/cards/issue-card.ts';
import { verifyHealthCard } from '../../src/cards/health-card.ts';
import { FhirError } from '../../src/fhir/errors.ts';
import { buildRedBag } from '../../src/summary/build-red-bag.ts';

const patient: Patient = { resourceType: 'Patient', id: 'p1', name: [{ given: ['Ann'], family: 'Lee' }], birthDate: '1940-01-01' };
const me = { reference: 'Patient/p1' };
const allergy = (i: number, words = 'rash'): Resource => ({ resourceType: 'AllergyIntolerance', id: `a${i}`, patient: me, criticality: 'high', code: { coding: [{ system: 'http://snomed.info/sct', code: String(387494007 + i) }] }, reaction: [{ manifestation: [{ text: words }] }] });
// Random words: the card is DEFLATE-compressed, so repeated text would take almost no room.
const noise = (bytes: number): string => randomBytes(bytes).toString('base64url');
const condition = (i: number): Resource => ({ resourceType: 'Condition', id: `c${i}`, subject: me, code: { text: `Condition ${i}: ${noise(30)}` } });

async function issue(resources: Resource[]) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signer = { kid: 'k1', key: (await importJWK({ ...(privateKey.export({ format: 'jwk' }) as JWK), alg: 'ES256' }, 'ES256')) as CryptoKey };
  const baseUrl = 'https://redbag.test/fhir';
  const summary = buildRedBag({ patient, resources: [patient, ...resources], now: new Date(), baseUrl, summaryId: 's1' });
  const card = await issueCard({ summary, iss: 'https://redbag.test', now: new Date(), rid: 'r1', signer, baseUrl });
  const verified = await verifyHealthCard(card.jws, { keys: [{ ...(publicKey.export({ format: 'jwk' }) as JWK), kid: 'k1' }] });
  return { card, bundle: verified.fhirBundle };
}

describe('fitting the Red Bag into one QR code (hazard H3)', () => {
  it('drops problems before it would ever drop an allergy, and says more is in the full summary', async () => {
    const { card, bundle } = await issue([allergy(1), allergy(2), allergy(3), ...Array.from({ length: 40 }, (_, i) => condition(i))]);
    expect(card.jws.length).toBeLessThanOrEqual(1195);
    expect(card.partial).toBe(true);
    const types = bundle.entry!.map((e) => e.resource!.resourceType);
    expect(types.filter((t) => t === 'AllergyIntolerance')).toHaveLength(3);
    expect(types.filter((t) => t === 'Condition').length).toBeLessThan(40);
    // Said at the top of the card, in words any viewer shows; never in Bundle.meta (SMART Health Cards allow only meta.security).
    expect(bundle.meta).toBeUndefined();
    expect(types[1]).toBe('Flag');
    expect((bundle.entry![1]!.resource as Flag).code.text).toBe('Not on this card: some health problems. Open the Red Bag link or ask. None recorded: emergency care and treatment plan, medicines, contacts.');
    expect(card.sections).toEqual({ allergies: 'listed', plan: 'none-recorded', problems: 'some-not-on-card', medicines: 'none-recorded', contacts: 'none-recorded' });
  });

  it('issues no card at all rather than one missing an allergy', async () => {
    const many = Array.from({ length: 30 }, (_, i) => allergy(i, `severe reaction ${noise(30)}`));
    const error = await issue(many).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).message).toMatch(/too long for one QR code/);
  });

  it('a small record fits whole, and still says which sections she recorded nothing in', async () => {
    const { card, bundle } = await issue([allergy(1), condition(1)]);
    expect(card.partial).toBe(false);
    expect(bundle.meta).toBeUndefined();
    const notice = bundle.entry!.map((e) => e.resource!).find((r): r is Flag => r.resourceType === 'Flag');
    expect(notice?.code.text).toBe('None recorded: emergency care and treatment plan, medicines, contacts.');
  });
});
