import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { JWK } from 'jose';
import { validateResource } from '@medplum/core';
import { loadFhirDefinitions } from '../../src/fhir/definitions.ts';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { verifyHealthCard } from '../../src/cards/health-card.ts';
import { fromNumericQr, toNumericQr } from '../../src/cards/numeric-qr.ts';
import { qrVersion, renderQrPng } from '../../src/cards/qr-image.ts';
import { emergencyView } from '../../web/src/scan/emergency-view.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';
import { fullestRecord } from '../support/fullest-record.ts';
import { startService, type RunningService } from '../support/service.ts';

/** Reads a QR code from a PNG with jsQR, which shares no code with the library that drew it. */
function decodePng(png: Buffer): string {
  const image = PNG.sync.read(png);
  const decode = ((jsQR as unknown as { default?: unknown }).default ?? jsQR) as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
  const found = decode(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!found) throw new Error('no QR code found in the image');
  return found.data;
}

const countOf = (bundle: Bundle, type: string) => (bundle.entry ?? []).filter((e) => e.resource?.resourceType === type).length;

describe('what one Red Bag QR code holds (issue 12), over real HTTP and through a real QR image', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite');
  });
  afterAll(async () => svc?.stop());

  async function personWith(resources: Resource[]): Promise<SignedIn> {
    const person = await signUp(svc.url, 'Aisha', 'Khan', '1945-03-02');
    for (const resource of resources) {
      const body = JSON.parse(JSON.stringify(resource).replaceAll('Patient/{{patient}}', `Patient/${person.patientId}`));
      await request(svc.url).post(`/fhir/${resource.resourceType}`).set(person.auth).set('Content-Type', fhirJson).send(body).expect(201);
    }
    return person;
  }

  /** Her card as the service issues it, drawn as a PNG, read back by jsQR and verified against the published keys. */
  async function scanHerCard(person: SignedIn): Promise<{ qrText: string; bundle: Bundle }> {
    const res = await request(svc.url).post(`/fhir/Patient/${person.patientId}/$health-cards-issue`).set(person.auth).set('Content-Type', fhirJson).send({ resourceType: 'Parameters' }).expect(200);
    const jws = String(res.body.parameter.find((p: { name: string }) => p.name === 'verifiableCredential').valueString);
    const qrText = decodePng(await renderQrPng(toNumericQr(jws)));
    const jwks = (await request(svc.url).get('/.well-known/jwks.json').expect(200)).body as { keys: JWK[] };
    return { qrText, bundle: (await verifyHealthCard(fromNumericQr(qrText), jwks)).fhirBundle };
  }

  it('her 4 allergies, 6 conditions, 8 medicines, plan and 2 contacts do not all fit: the code keeps every allergy and the plan, and says what is not on it', async () => {
    const { qrText, bundle } = await scanHerCard(await personWith(fullestRecord('{{patient}}')));
    expect(qrVersion(qrText)).toBeLessThanOrEqual(22);
    expect(countOf(bundle, 'AllergyIntolerance')).toBe(4);
    expect(countOf(bundle, 'CarePlan')).toBe(1);
    // The SMART Health Cards rule for meta: none on the bundle, and only meta.security on a resource.
    expect(bundle.meta).toBeUndefined();
    for (const entry of bundle.entry ?? []) expect(Object.keys(entry.resource?.meta ?? {}).filter((k) => k !== 'security')).toEqual([]);
    // Still valid FHIR R4 after everything the card trims (statuses that only say "active", words the scanner carries).
    loadFhirDefinitions();
    expect(() => validateResource(bundle)).not.toThrow();
    const view = emergencyView(bundle);
    const leftOff = [view.conditions, view.medicines, view.contacts].filter((s) => s.state !== 'listed');
    expect(leftOff.length).toBeGreaterThan(0);
    for (const section of leftOff) expect(section).toMatchObject({ warning: true, note: expect.stringMatching(/on this card — open the Red Bag link or ask$/) });
    expect(view.allergies.map((a) => a.text)).toEqual(['Codeine', 'Penicillin', 'Peanut', 'Latex']);
  });

  it('a record as large as the bench’s largest whole one (2 allergies, a condition, a medicine, the plan) fits whole, words and all', async () => {
    const all = fullestRecord('{{patient}}');
    const of = (type: string, n: number) => all.filter((r) => r.resourceType === type).slice(0, n);
    const record = [...of('AllergyIntolerance', 2), ...of('Condition', 1), ...of('MedicationStatement', 1), ...of('CarePlan', 1)];
    const { qrText, bundle } = await scanHerCard(await personWith(record));
    expect(qrVersion(qrText)).toBeLessThanOrEqual(22);
    expect([countOf(bundle, 'AllergyIntolerance'), countOf(bundle, 'Condition'), countOf(bundle, 'MedicationStatement'), countOf(bundle, 'CarePlan')]).toEqual([2, 1, 1, 1]);
    const view = emergencyView(bundle);
    expect(view.allergies).toEqual([
      { text: 'Codeine', highRisk: true, reactions: 'Anaphylaxis' },
      { text: 'Penicillin', highRisk: true, reactions: 'Swollen face and throat' },
    ]);
    expect(view.conditions).toMatchObject({ items: ['Type 2 diabetes mellitus'], state: 'listed' });
    expect(view.medicines).toMatchObject({ items: ['Metformin — 500 mg twice a day with food'], state: 'listed' });
    expect(view.resuscitation.items).toEqual(['For cardiopulmonary resuscitation', 'Treat in hospital if needed. Tell my daughter at once.']);
    expect(view.contacts).toMatchObject({ state: 'none-recorded', note: 'None recorded', warning: false });
  });
});
