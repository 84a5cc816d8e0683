import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import { issueCard } from '../../src/cards/issue-card.ts';
import { verifyHealthCard } from '../../src/cards/health-card.ts';
import { buildRedBag } from '../../src/summary/build-red-bag.ts';
import { emergencyView } from '../../web/src/scan/emergency-view.ts';
import { noticeOfCard } from '../../web/src/scan/card-notice.ts';
import { fullestRecord } from '../support/fullest-record.ts';

const patient: Patient = { resourceType: 'Patient', id: 'p1', name: [{ given: ['Aisha'], family: 'Khan' }], birthDate: '1945-03-02' };
const me = { reference: 'Patient/p1' };
const baseUrl = 'https://redbag.test/fhir';
const withIds = (resources: Resource[]) => resources.map((r, i) => ({ ...r, id: `r${i}` }) as Resource);
const summaryOf = (resources: Resource[]) => buildRedBag({ patient, resources: [patient, ...withIds(resources)], now: new Date('2026-11-30T09:00:00Z'), baseUrl, summaryId: '6d1c6a8e-3f0b-4a53-9a55-0f0e7c1d2b3a' });
const codeine = { resourceType: 'AllergyIntolerance', clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] }, code: { coding: [{ system: 'http://snomed.info/sct', code: '387494007', display: 'Codeine' }] }, criticality: 'high', patient: me, reaction: [{ manifestation: [{ text: 'Anaphylaxis' }] }] } as Resource;
const noKnownAllergy = { resourceType: 'AllergyIntolerance', clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] }, code: { coding: [{ system: 'http://snomed.info/sct', code: '716186003', display: 'No known allergy' }] }, patient: me } as Resource;

/** Her card as the issuer makes it, read back as a scanner reads it (signature checked). */
async function cardOf(resources: Resource[]): Promise<Bundle> {
  return (await issued(resources)).bundle;
}

async function issued(resources: Resource[]): Promise<{ jws: string; bundle: Bundle }> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = await calculateJwkThumbprint(publicKey.export({ format: 'jwk' }) as JWK); // 43 characters, as in production
  const signer = { kid, key: (await importJWK({ ...(privateKey.export({ format: 'jwk' }) as JWK), alg: 'ES256' }, 'ES256')) as CryptoKey };
  const card = await issueCard({ summary: summaryOf(resources), iss: 'https://redbag.test', now: new Date(), rid: 'r1', signer, baseUrl });
  return { jws: card.jws, bundle: (await verifyHealthCard(card.jws, { keys: [{ ...(publicKey.export({ format: 'jwk' }) as JWK), kid }] })).fhirBundle };
}

describe('what a crew reads beside each section (pure)', () => {
  it('a card that could not hold her medicines and contacts says so beside those sections, never “None listed”', async () => {
    const card = await cardOf(fullestRecord('p1'));
    // The card itself says it, in words any SMART Health Card viewer shows, right after who she is.
    expect(card.entry![1]!.resource).toMatchObject({ resourceType: 'Flag', code: { text: expect.stringMatching(/^Not on this card: .*medicines, contacts\. Open the Red Bag link or ask\.$/) } });
    const view = emergencyView(card);
    expect(view.allergies.map((a) => a.text)).toEqual(['Codeine', 'Penicillin', 'Peanut', 'Latex']);
    for (const section of [view.medicines, view.contacts]) {
      expect(section).toMatchObject({ state: 'not-on-card', note: 'Not on this card — open the Red Bag link or ask', warning: true, items: [] });
    }
    expect(JSON.stringify(view)).not.toMatch(/None listed|None recorded|No contact/);
  });

  it('says “None recorded” only when she recorded none, and reads the allergy words offline from a card that carries only codes', async () => {
    const card = await cardOf([codeine]);
    expect(JSON.stringify(card)).not.toContain('"display"');
    const view = emergencyView(card);
    expect(view.allergies).toEqual([{ text: 'Codeine', highRisk: true, reactions: 'Anaphylaxis' }]);
    expect(view.medicines).toMatchObject({ state: 'none-recorded', note: 'None recorded', warning: false });
    expect(view.resuscitation).toMatchObject({ state: 'none-recorded', note: 'No emergency care and treatment plan recorded' });
  });

  it('says “no known allergies” only when she said so, and never marks it as a risk', async () => {
    const view = emergencyView(await cardOf([noKnownAllergy]));
    expect(view.allergies).toEqual([]);
    expect(view.allergySection).toMatchObject({ state: 'no-known-allergies', note: 'No known allergies (she has said so)', warning: false });
    const unasked = emergencyView(await cardOf([]));
    expect(unasked.allergySection).toMatchObject({ state: 'not-recorded', warning: true });
  });

  it('reads the full summary behind a link the same way: empty sections are “none recorded”, nothing is “not on this card”', () => {
    const view = emergencyView(summaryOf([codeine]));
    expect(view.allergies[0]?.text).toBe('Codeine');
    expect(view.medicines.state).toBe('none-recorded');
    expect(view.contacts.state).toBe('none-recorded');
    expect(emergencyView(summaryOf([])).allergySection.state).toBe('not-recorded');
    expect(emergencyView(summaryOf([noKnownAllergy])).allergySection.state).toBe('no-known-allergies');
  });

  it('a card that says nothing about a section (another issuer, or an older card) never turns silence into “none”', () => {
    const foreign: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'resource:0', resource: patient }, { fullUrl: 'resource:1', resource: codeine }] };
    const view = emergencyView(foreign);
    expect(view.medicines).toMatchObject({ state: 'not-on-card', warning: true });
    expect(view.resuscitation.state).toBe('not-on-card');
    const older = { ...foreign, meta: { tag: [{ code: 'partial' }] }, entry: [...foreign.entry!, { fullUrl: 'resource:2', resource: { resourceType: 'MedicationStatement', status: 'active', subject: me, medicationCodeableConcept: { text: 'Apixaban' } } as Resource }] };
    expect(emergencyView(older).medicines).toMatchObject({ items: ['Apixaban'], state: 'some-not-on-card', warning: true });
  });

  it('her Red Bag page reads what her own code leaves out, before any crew does', async () => {
    expect(await noticeOfCard((await issued(fullestRecord('p1'))).jws)).toMatch(/^Not on this card: .*medicines, contacts\. Open the Red Bag link or ask\.$/);
    expect(await noticeOfCard((await issued([codeine])).jws)).toBe('None recorded: emergency care and treatment plan, health problems, medicines, contacts.');
  });
});
