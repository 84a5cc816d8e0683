import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Bundle, Composition, Patient, Resource } from '@medplum/fhirtypes';
import { buildRedBag } from '../../src/summary/build-red-bag.ts';
import { createValidator } from '../../src/profiles/validator.ts';
import { demoPeople } from '../../src/demo/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { signUp } from '../support/people.ts';

const validator = createValidator({ profileDir: new URL('../../fhir-profiles', import.meta.url).pathname });
const errors = (r: Resource) => validator.validate(r).filter((i) => i.severity === 'error');
const composition = (b: Bundle) => b.entry![0]!.resource as Composition;
const patient: Patient = { resourceType: 'Patient', id: 'p1', name: [{ given: ['Ann'], family: 'Lee' }], birthDate: '1940-01-01' };
const build = (resources: Resource[]) => buildRedBag({ patient, resources: [patient, ...resources], now: new Date('2026-11-24T09:00:00Z'), baseUrl: 'https://redbag.test/fhir', summaryId: '6d1c6a8e-3f0b-4a53-9a55-0f0e7c1d2b3a' });
const allergy = (code: string, display: string, extra: object = {}) => ({ resourceType: 'AllergyIntolerance', id: code, patient: { reference: 'Patient/p1' }, code: { coding: [{ system: 'http://snomed.info/sct', code, display }] }, ...extra }) as Resource;

describe('the Red Bag summary (pure)', () => {
  it('says "not recorded" when nobody asked, and "no known allergies" when she said so', () => {
    const empty = composition(build([])).section![0]!;
    expect(empty.text!.div).toMatch(/Allergies not recorded/);
    expect(empty.emptyReason!.coding![0]!.code).toBe('notasked');
    const none = composition(build([allergy('716186003', 'No known allergy')])).section![0]!;
    expect(none.text!.div).toMatch(/No known allergies/);
    expect(none.emptyReason).toBeUndefined();
  });

  it('puts high-risk allergies first and keeps the sections in the order a crew needs', () => {
    const bag = build([allergy('111088007', 'Latex', { criticality: 'low' }), allergy('387494007', 'Codeine', { criticality: 'high' })]);
    const sections = composition(bag).section!;
    expect(sections.map((s) => s.title)).toEqual(['Allergies', 'Health problems', 'Medicines', 'Emergency care and treatment plan', 'How she usually is (baseline)', 'Communication needs', 'Contacts and care team', 'What matters to me', 'Support plan']);
    expect(sections[0]!.entry!.map((e) => e.reference)).toEqual(['https://redbag.test/fhir/AllergyIntolerance/387494007', 'https://redbag.test/fhir/AllergyIntolerance/111088007']);
    expect(sections[0]!.text!.div).toMatch(/HIGH RISK: Codeine/);
    expect(errors(bag)).toEqual([]);
  });

  it('writes what people typed as text, never as markup', () => {
    const bag = build([{ resourceType: 'Goal', id: 'g', lifecycleStatus: 'active', subject: { reference: 'Patient/p1' }, description: { text: 'See <b>Sam</b> & "Jo"' } } as Resource]);
    expect(composition(bag).section![7]!.text!.div).toContain('See &lt;b&gt;Sam&lt;/b&gt; &amp; &quot;Jo&quot;');
  });
});

describe('GET /fhir/Patient/{id}/$summary', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite', { DEMO_DATA: 'on' });
  });
  afterAll(async () => svc?.stop());

  it('gives Aisha her Red Bag: a valid summary document with her codeine allergy first', async () => {
    const aisha = demoPeople(new Date()).find((p) => p.name.given === 'Aisha')!;
    const login = await request(svc.url).post('/auth/login').send({ email: aisha.email, password: aisha.password }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.access_token}` };
    const patientId = String(login.body.patient).split('/')[1];
    const res = await request(svc.url).get(`/fhir/Patient/${patientId}/$summary`).set(auth).expect(200);
    const bag = res.body as Bundle;
    expect(errors(bag)).toEqual([]);
    const sections = composition(bag).section!;
    expect(sections[0]!.text!.div).toMatch(/HIGH RISK: Codeine — Anaphylaxis, severe/);
    expect(sections[6]!.text!.div).toMatch(/Samira Khan \(daughter, Next-of-Kin\) — 07700 900123/);
    // Every section entry is in the document.
    const fullUrls = new Set(bag.entry!.map((e) => e.fullUrl));
    for (const section of sections) for (const entry of section.entry ?? []) expect(fullUrls.has(entry.reference)).toBe(true);
  });

  it('is not given to anyone else', async () => {
    const rina = await signUp(svc.url, 'Rina', 'Other');
    const aishaId = (await svc.service.record.search({ kind: 'system', purpose: 'test' }, 'Patient', { name: 'Khan' })).matches[0]!.id;
    await request(svc.url).get(`/fhir/Patient/${aishaId}/$summary`).set(rina.auth).expect(404);
  });
});

describe('who to call', () => {
  it('lists the emergency contact first, then next of kin, then others, whatever order they were stored in', () => {
    const contact = (id: string, code?: string): Resource => ({
      resourceType: 'RelatedPerson',
      id,
      patient: { reference: 'Patient/p1' },
      name: [{ text: id }],
      relationship: code ? [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code }] }] : [{ text: 'neighbour' }],
      telecom: [{ system: 'phone', value: '07700 900000' }],
    } as Resource);
    const bag = build([contact('neighbour'), contact('kin', 'N'), contact('emergency', 'C')]);
    expect(composition(bag).section![6]!.entry!.map((e) => e.reference!.split('/').pop())).toEqual(['emergency', 'kin', 'neighbour']);
  });
});
