import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '@medplum/fhirtypes';
import { identityStatus, markedVerified } from '../../src/access/identity.ts';
import { withDetails } from '../../src/auth/your-details.ts';
import { startService, type RunningService } from '../support/service.ts';
import { signUp } from '../support/people.ts';
import { systemActor } from '../../src/access/system-actor.ts';

const nhsNumberSystem = 'https://fhir.nhs.uk/Id/nhs-number';

describe('changing name, date of birth and NHS number touches only those', () => {
  it('keeps other names, prefixes, contacts and identifiers as they were (pure)', () => {
    const patient: Patient = {
      resourceType: 'Patient', id: 'p1',
      name: [{ use: 'official', prefix: ['Mrs'], given: ['Aisha', 'Noor'], family: 'Khan', text: 'Mrs Aisha Khan' }, { use: 'nickname', given: ['Ash'] }],
      birthDate: '1945-03-02',
      telecom: [{ system: 'phone', value: '01632 960001' }],
      identifier: [{ system: 'https://example.org/hospital', value: 'H123' }],
    };
    expect(withDetails(patient, { given: 'Aysha', family: 'Khan-Ali', birthDate: '1945-03-12', nhsNumber: '4857773456' })).toEqual({
      resourceType: 'Patient', id: 'p1',
      name: [{ use: 'official', prefix: ['Mrs'], given: ['Aysha', 'Noor'], family: 'Khan-Ali' }, { use: 'nickname', given: ['Ash'] }],
      birthDate: '1945-03-12',
      telecom: [{ system: 'phone', value: '01632 960001' }],
      identifier: [{ system: 'https://example.org/hospital', value: 'H123' }, { system: nhsNumberSystem, value: '4857773456' }],
    });
  });
});

describe('"Your details" through real HTTP', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService('sqlite');
  });
  afterAll(async () => svc?.stop());

  it('reads and changes them with If-Match, one record per NHS number, plain words beside each field', async () => {
    const aisha = await signUp(svc.url, 'Aisha', 'Khan');
    const shown = (await request(svc.url).get('/auth/details').set(aisha.auth).expect(200)).body;
    expect(shown).toEqual({ given: 'Aisha', family: 'Khan', birthDate: '1945-03-02', nhsNumber: '', version: '1' });
    const bad = await request(svc.url).put('/auth/details').set(aisha.auth).send({ ...shown, nhsNumber: '485 777 3456' }).expect(400);
    expect(bad.body.issue[0]).toMatchObject({ expression: ['nhsNumber'], details: { text: expect.stringMatching(/^Enter your 10-digit NHS number/) } });
    const changed = await request(svc.url).put('/auth/details').set(aisha.auth).send({ ...shown, given: 'Aysha', nhsNumber: '943 476 5870' }).expect(200);
    expect(changed.body).toEqual({ given: 'Aysha', family: 'Khan', birthDate: '1945-03-02', nhsNumber: '9434765870', version: '2' });
    expect((await request(svc.url).get('/auth/me').set(aisha.auth).expect(200)).body.name).toEqual({ given: 'Aysha', family: 'Khan' });
    const patient = (await request(svc.url).get(`/fhir/Patient/${aisha.patientId}`).set(aisha.auth).expect(200)).body as Patient;
    expect(patient.telecom).toEqual([{ system: 'email', value: aisha.email }]);
    expect(identityStatus(patient)).toBe('not-verified');

    // The page was open while something else changed the record: shown, not overwritten.
    const stale = await request(svc.url).put('/auth/details').set(aisha.auth).send({ ...shown, family: 'Old' }).expect(412);
    expect(stale.body.issue[0].details.text).toMatch(/changed somewhere else/);

    const rina = await signUp(svc.url, 'Rina', 'Shah');
    const rinaShown = (await request(svc.url).get('/auth/details').set(rina.auth).expect(200)).body;
    const taken = await request(svc.url).put('/auth/details').set(rina.auth).send({ ...rinaShown, nhsNumber: '9434765870' }).expect(409);
    expect(taken.body.issue[0]).toMatchObject({ expression: ['nhsNumber'], details: { text: expect.stringMatching(/already in another Red Bag record/) } });
  });

  it('a verified number stays verified after a change of name, not after a change of date of birth or number', async () => {
    const andrew = await signUp(svc.url, 'Andrew', 'Jones', '1960-05-01');
    let shown = (await request(svc.url).put('/auth/details').set(andrew.auth).send({ given: 'Andrew', family: 'Jones', birthDate: '1960-05-01', nhsNumber: '9434765919' }).expect(200)).body;
    // An administrator checks it (as admin-service does).
    const stored = await svc.service.record.read(systemActor('test'), 'Patient', andrew.patientId);
    await svc.service.record.update(systemActor('an administrator checked the NHS number'), 'Patient', andrew.patientId, markedVerified(stored.resource as Patient, '9434765919')!);
    const status = async () => identityStatus((await request(svc.url).get(`/fhir/Patient/${andrew.patientId}`).set(andrew.auth).expect(200)).body as Patient);
    expect(await status()).toBe('verified');
    shown = (await request(svc.url).get('/auth/details').set(andrew.auth).expect(200)).body;
    shown = (await request(svc.url).put('/auth/details').set(andrew.auth).send({ ...shown, family: 'Jones-Smith' }).expect(200)).body;
    expect(await status()).toBe('verified');
    await request(svc.url).put('/auth/details').set(andrew.auth).send({ ...shown, birthDate: '1960-05-02' }).expect(200);
    expect(await status()).toBe('not-verified');
  });
});
