import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { isValidNhsNumber } from '../../src/profiles/nhs-number.ts';
import { demoPeople } from '../../src/demo/people.ts';
import { startService, type RunningService } from '../support/service.ts';

const today = new Date('2026-11-24T09:00:00Z');

describe('the demo people', () => {
  it('have the ages of their stories and valid NHS numbers from the test range', () => {
    const ages = demoPeople(today).map((p) => {
      const born = new Date(p.birthDate);
      let age = today.getUTCFullYear() - born.getUTCFullYear();
      if (today < new Date(Date.UTC(today.getUTCFullYear(), born.getUTCMonth(), born.getUTCDate()))) age -= 1;
      return [p.name.given, age];
    });
    expect(ages).toEqual([['Aisha', 81], ['Andrew', 66], ['Rina', 60], ['Mike', 73]]);
    for (const person of demoPeople(today)) {
      const nhs = person.patientExtras.identifier?.[0]?.value ?? '';
      expect(nhs.startsWith('999')).toBe(true);
      expect(isValidNhsNumber(nhs)).toBe(true);
    }
  });

  it('refer to each other only within the same person', () => {
    for (const person of demoPeople(today)) {
      const own = new Set(person.resources.map((r) => r.fullUrl));
      for (const ref of JSON.stringify(person.resources).match(/urn:uuid:[0-9a-f-]+/g) ?? []) expect(own.has(ref)).toBe(true);
    }
  });
});

describe('starting with demo data', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite', { DEMO_DATA: 'on' });
  });
  afterAll(async () => svc?.stop());

  it('loads every person through the record, each able to sign in and see her own story', async () => {
    const api = request(svc.url);
    const aisha = demoPeople(new Date()).find((p) => p.name.given === 'Aisha')!;
    const login = await api.post('/auth/login').send({ email: aisha.email, password: aisha.password }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.access_token}` };
    const allergies = await api.get('/fhir/AllergyIntolerance?criticality=high').set(auth).expect(200);
    expect(allergies.body.total).toBe(1);
    expect(allergies.body.entry[0].resource.code.coding[0].code).toBe('387494007');
    const plan = await api.get('/fhir/CarePlan?_include=CarePlan:goal').set(auth).expect(200);
    expect(plan.body.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).toEqual(['CarePlan', 'Goal']);
    const everyone = await api.get('/fhir/Patient').set(auth).expect(200);
    expect(everyone.body.total).toBe(1);
  });

  it('lets the demo discharge coordinator open Andrew’s shared plan at once, and nothing else of his', async () => {
    const api = request(svc.url);
    const { demoProfessionals } = await import('../../src/demo/demo-professionals.ts');
    const sam = demoProfessionals.find((p) => p.role === 'discharge-coordinator')!;
    const login = await api.post('/auth/login').send({ email: sam.email, password: sam.password }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.access_token}` };
    const people = await api.get('/fhir/Patient').set(auth).expect(200);
    expect(people.body.entry.map((e: { resource: { name: { given: string[] }[] } }) => e.resource.name[0]!.given[0])).toEqual(['Andrew']);
    expect((await api.get('/fhir/CarePlan').set(auth).expect(200)).body.total).toBeGreaterThan(0);
    expect((await api.get('/fhir/AllergyIntolerance').set(auth).expect(200)).body.total).toBe(0);
  });

  it('does not load again into a store that has people, but still shows the demo sign-ins', async () => {
    const { loadDemoData } = await import('../../src/demo/load-demo.ts');
    const { createLogger } = await import('../../src/log.ts');
    let printed = '';
    await loadDemoData({ record: svc.service.record, accounts: svc.service.stores.accounts, clock: () => new Date(), logger: createLogger('silent'), print: (t) => (printed += t) });
    expect(printed).toMatch(/aisha@example\.org +password: knitting on thursdays/);
    const patients = await svc.service.record.search({ kind: 'system', purpose: 'test' }, 'Patient', { _summary: 'count' });
    expect(patients.total).toBe(4);
  });
});
