import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verificationStatusUrl } from '../../src/access/identity.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { adminEnv, organisationWithProfessional, share } from '../sharing/sharing-harness.ts';
import { stores } from './security-harness.ts';

/** A new valid NHS number (modulus 11) in the 999 test range, which belongs to no one. */
let serial = Math.floor(Math.random() * 500_000);
function freshNumber(): string {
  for (;;) {
    const body = `999${String(serial++ % 1_000_000).padStart(6, '0')}`;
    const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${body}${check === 11 ? 0 : check}`;
  }
}

async function patientOf(url: string, person: SignedIn) {
  return (await request(url).get(`/fhir/Patient/${person.patientId}`).set(person.auth).expect(200)).body;
}

async function giveNhsNumber(url: string, person: SignedIn, nhsNumber: string, extra: Record<string, unknown> = {}) {
  const patient = await patientOf(url, person);
  const identifier = [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber, ...extra }];
  return request(url).put(`/fhir/Patient/${person.patientId}`).set(person.auth).set('Content-Type', fhirJson).send({ ...patient, identifier });
}

const statusOf = (patient: { identifier?: Array<{ use?: string; extension?: Array<{ url: string; valueCodeableConcept?: { coding?: Array<{ code?: string }> } }> }> }) => {
  const identifier = patient.identifier?.[0];
  return { use: identifier?.use, code: identifier?.extension?.find((e) => e.url === verificationStatusUrl)?.valueCodeableConcept?.coding?.[0]?.code };
};

describe.each(stores)('identity (%s)', (kind) => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService(kind, { ...adminEnv, SHARES_PER_DAY: '3' });
  });
  afterAll(async () => svc?.stop());

  it('an NHS number belongs to one record: a second claim is refused and changes nothing', async () => {
    const nhsNumber = freshNumber();
    const aisha = await signUp(svc.url, 'Aisha', 'Khan');
    const impostor = await signUp(svc.url, 'Aisha', 'Khan');
    await giveNhsNumber(svc.url, aisha, nhsNumber).then((r) => expect(r.status).toBe(200));
    const refused = await giveNhsNumber(svc.url, impostor, nhsNumber);
    expect(refused.status).toBe(409);
    expect(refused.body.issue[0].details.text).toMatch(/already in another Red Bag record/);
    expect(refused.body.issue[0].expression).toEqual(['Patient.identifier']);
    expect((await patientOf(svc.url, impostor)).identifier).toBeUndefined();
    // Once she gives it up, it can be claimed.
    const mine = await patientOf(svc.url, aisha);
    await request(svc.url).put(`/fhir/Patient/${aisha.patientId}`).set(aisha.auth).set('Content-Type', fhirJson).send({ ...mine, identifier: [] }).expect(200);
    await giveNhsNumber(svc.url, impostor, nhsNumber).then((r) => expect(r.status).toBe(200));
  });

  it('two records claiming one NHS number at the same moment: only one wins', async () => {
    const nhsNumber = freshNumber();
    const people = await Promise.all([signUp(svc.url, 'Rina', 'Shah'), signUp(svc.url, 'Rina', 'Shah'), signUp(svc.url, 'Rina', 'Shah')]);
    const answers = await Promise.all(people.map((p) => giveNhsNumber(svc.url, p, nhsNumber)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
  });

  it('a person cannot mark her own NHS number verified; an administrator’s check can, and changing the number undoes it', async () => {
    const nhsNumber = freshNumber();
    const rina = await signUp(svc.url, 'Rina', 'Shah');
    const selfVerified = { use: 'official', extension: [{ url: verificationStatusUrl, valueCodeableConcept: { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code: '01' }] } }] };
    await giveNhsNumber(svc.url, rina, nhsNumber, selfVerified).then((r) => expect(r.status).toBe(200));
    expect(statusOf(await patientOf(svc.url, rina))).toEqual({ use: undefined, code: '02' });

    const admin = (await organisationWithProfessional(svc.url, 'gp-practice', 'clinician', 'Identity check desk')).admin;
    await request(svc.url).post('/admin/identity-checks').set(admin.auth).send({ patient: `Patient/${rina.patientId}`, nhsNumber: '999 999 9999' }).expect(422);
    await request(svc.url).post('/admin/identity-checks').set(rina.auth).send({ patient: `Patient/${rina.patientId}`, nhsNumber }).expect(403);
    await request(svc.url).post('/admin/identity-checks').set(admin.auth).send({ patient: `Patient/${rina.patientId}`, nhsNumber }).expect(201);
    expect(statusOf(await patientOf(svc.url, rina))).toEqual({ use: 'official', code: '01' });

    // Her other edits keep the check; a new number loses it.
    const patient = await patientOf(svc.url, rina);
    await request(svc.url).put(`/fhir/Patient/${rina.patientId}`).set(rina.auth).set('Content-Type', fhirJson).send({ ...patient, gender: 'female' }).expect(200);
    expect(statusOf(await patientOf(svc.url, rina))).toEqual({ use: 'official', code: '01' });
    await giveNhsNumber(svc.url, rina, freshNumber()).then((r) => expect(r.status).toBe(200));
    expect(statusOf(await patientOf(svc.url, rina))).toEqual({ use: undefined, code: '02' });
  });

  it('cards, printouts and a professional’s search say whether the NHS number was checked', async () => {
    const nhsNumber = freshNumber();
    const andrew = await signUp(svc.url, 'Andrew', 'Hughes');
    await giveNhsNumber(svc.url, andrew, nhsNumber).then((r) => expect(r.status).toBe(200));
    const { organizationId, professional, admin } = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator', 'Northgate identity ward');
    await request(svc.url).post('/fhir/Consent').set(andrew.auth).set('Content-Type', fhirJson).send(share(andrew.patientId, `Organization/${organizationId}`, ['CarePlan'])).expect(201);

    const cardPatient = async () => {
      const issued = await request(svc.url).post(`/fhir/Patient/${andrew.patientId}/$health-cards-issue`).set(andrew.auth).set('Content-Type', fhirJson)
        .send({ resourceType: 'Parameters', parameter: [{ name: 'credentialType', valueUri: 'https://smarthealth.cards#health-card' }] }).expect(200);
      const jws = String(issued.body.parameter.find((p: { name: string }) => p.name === 'verifiableCredential').valueString);
      const { inflateRawSync } = await import('node:zlib');
      const payload = JSON.parse(inflateRawSync(Buffer.from(jws.split('.')[1]!, 'base64url')).toString());
      return payload.vc.credentialSubject.fhirBundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient').resource;
    };
    const printout = async () => (await request(svc.url).get(`/red-bag/${andrew.patientId}/print?size=a4&format=html`).set(andrew.auth).expect(200)).text;
    const listed = async () => (await request(svc.url).get('/fhir/Patient').set(professional.auth).expect(200)).body.entry[0].resource;

    expect((await cardPatient()).identifier).toEqual([{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber }]);
    expect(await printout()).toMatch(/NHS number \d{3} \d{3} \d{4} \(not verified\)/);
    expect(statusOf(await listed())).toEqual({ use: undefined, code: '02' });

    await request(svc.url).post('/admin/identity-checks').set(admin.auth).send({ patient: `Patient/${andrew.patientId}`, nhsNumber }).expect(201);
    expect((await cardPatient()).identifier).toEqual([{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber, use: 'official' }]);
    expect(await printout()).toMatch(/NHS number \d{3} \d{3} \d{4} \(verified\)/);
    expect(statusOf(await listed())).toEqual({ use: 'official', code: '01' });
  });

  it('shares nobody asked for are limited per person per day', async () => {
    const mike = await signUp(svc.url, 'Mike', 'Jones');
    const orgs = [];
    for (const n of [0, 1, 2, 3]) orgs.push(await organisationWithProfessional(svc.url, 'home-care-provider', 'home-care-worker', `Junk Care ${n}`));
    for (const org of orgs.slice(0, 3)) {
      await request(svc.url).post('/fhir/Consent').set(mike.auth).set('Content-Type', fhirJson).send(share(mike.patientId, `Organization/${org.organizationId}`, ['Goal'])).expect(201);
    }
    const fourth = await request(svc.url).post('/fhir/Consent').set(mike.auth).set('Content-Type', fhirJson).send(share(mike.patientId, `Organization/${orgs[3]!.organizationId}`, ['Goal']));
    expect(fourth.status).toBe(429);
    expect(fourth.body.issue[0].details.text).toMatch(/3 shares in the last 24 hours/);
    await request(svc.url).get('/fhir/Patient').set(orgs[3]!.professional.auth).expect(200).then((r) => expect(r.body.total ?? r.body.entry?.length ?? 0).toBe(0));
  });
});
