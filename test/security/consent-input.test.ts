import { randomUUID } from 'node:crypto';
import type { Consent } from '@medplum/fhirtypes';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirJson, type SignedIn } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { add, adminEnv, goal, organisationWithProfessional, share, signUp } from '../sharing/sharing-harness.ts';
import { stores } from './security-harness.ts';

/**
 * Issue 13: anyone who signed up could write a Consent ending at a leap second; it passed
 * validation, then every search of every professional and hospital system of the organisation it
 * named answered 500. Nested provisions and provision.data were stored and ignored, so more was
 * shared than the person wrote. Such Consents are refused (422, naming the element), and a bad row
 * already stored grants nothing without breaking anyone's request.
 */
describe.each(stores)('a share says only what is enforced, with dates that can be read (%s)', (kind) => {
  let svc: RunningService;
  let andrew: SignedIn;
  let eve: SignedIn;
  let team: Awaited<ReturnType<typeof organisationWithProfessional>>;
  let organisation: string;
  beforeAll(async () => {
    svc = await startService(kind, adminEnv);
    team = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator');
    organisation = `Organization/${team.organizationId}`;
    andrew = await signUp(svc.url, 'Andrew', 'Wilson', '1960-05-01');
    eve = await signUp(svc.url, 'Eve', 'Other', '1980-01-01');
    await add(svc.url, andrew, goal(andrew.patientId, 'Home before the football'));
    await add(svc.url, andrew, share(andrew.patientId, organisation, ['Goal', 'CarePlan']));
  });
  afterAll(async () => svc?.stop());

  const post = (who: SignedIn, consent: Consent) => request(svc.url).post('/fhir/Consent').set(who.auth).set('Content-Type', fhirJson).send(consent);
  const refusedAt = async (who: SignedIn, consent: Consent, element: string, words: RegExp) => {
    const res = await post(who, consent).expect(422);
    expect(res.body.resourceType).toBe('OperationOutcome');
    const issue = res.body.issue.find((i: { expression?: string[] }) => i.expression?.[0] === element);
    expect(issue, JSON.stringify(res.body.issue)).toBeDefined();
    expect(issue.details.text).toMatch(words);
  };
  const coordinatorSearches = async () => {
    const goals = await request(svc.url).get('/fhir/Goal').set(team.professional.auth).expect(200);
    expect(goals.body.total).toBe(1);
    await request(svc.url).get('/fhir/Patient').set(team.professional.auth).expect(200);
  };

  it('a share ending at a leap second is refused, and the organisation’s searches keep working', async () => {
    const leap = share(eve.patientId, organisation, ['Goal']);
    leap.provision!.period = { start: '2026-01-01', end: '2026-12-31T23:59:60Z' };
    await refusedAt(eve, leap, 'Consent.provision.period.end', /not a date Red Bag can read/);
    await coordinatorSearches();
  });

  it.each([
    // R4's own date check (@medplum/core) names it first here, in its words.
    ['30 February', { start: '2026-02-01', end: '2026-02-30' }, 'Consent.provision.period.end', /not a date Red Bag can read|Invalid dateTime/],
    ['an end before the start', { start: '2026-12-01', end: '2026-11-01' }, 'Consent.provision.period.end', /ends before it starts/],
    ['a start that is only a year', { start: '2026', end: '2026-12-31' }, 'Consent.provision.period.start', /not a date Red Bag can read/],
  ])('a share with %s is refused', async (_what, period, element, words) => {
    const odd = share(eve.patientId, organisation, ['Goal']);
    odd.provision!.period = period;
    await refusedAt(eve, odd, element, words);
  });

  it('a deny nested inside a permit is refused, not stored and ignored', async () => {
    const nested = share(andrew.patientId, organisation, ['Goal', 'Condition']);
    nested.provision!.provision = [{ type: 'deny', class: [{ system: 'http://hl7.org/fhir/resource-types', code: 'Condition' }] }];
    await refusedAt(andrew, nested, 'Consent.provision.provision', /cannot hold rules inside it/);
  });

  it('a share naming single entries (provision.data) is refused, not stored and ignored', async () => {
    const onlyOne = share(andrew.patientId, organisation, ['Goal']);
    onlyOne.provision!.data = [{ meaning: 'instance', reference: { reference: `Patient/${andrew.patientId}` } }];
    await refusedAt(andrew, onlyOne, 'Consent.provision.data', /cannot name single entries/);
  });

  it('a share kept from before (a leap second, a nested deny) grants nothing and breaks nobody’s request', async () => {
    const write = async (patientId: string, consent: Consent) => {
      const resource = { ...consent, id: randomUUID() };
      await svc.service.stores.store.commit([{ kind: 'create', resource, compartment: patientId }], new Date());
      return resource.id;
    };
    const leap = share(eve.patientId, organisation, ['Goal']);
    leap.provision!.period = { start: '2026-01-01', end: '2099-12-31T23:59:60Z' };
    await write(eve.patientId, leap);
    await add(svc.url, eve, goal(eve.patientId, 'Eve’s own goal'));
    const nested = share(eve.patientId, organisation, ['Goal']);
    nested.provision!.provision = [{ type: 'deny' }];
    await write(eve.patientId, nested);

    await coordinatorSearches(); // Andrew's share still counts; Eve's bad rows grant nothing
    const people = await request(svc.url).get('/fhir/Patient').set(team.professional.auth).expect(200);
    expect(people.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([andrew.patientId]);
    // Eve herself, and the notice sweep that reads shares about to end, carry on too.
    await request(svc.url).get('/fhir/Consent').set(eve.auth).expect(200);
    await svc.service.notifier.sweep();
  });
});
