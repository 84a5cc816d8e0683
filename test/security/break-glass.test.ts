import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirJson, type SignedIn } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { codeineAllergy } from '../web/red-bag-fixture.ts';
import { add, adminEnv, condition, organisationWithProfessional, signUp } from '../sharing/sharing-harness.ts';
import { emergencyConsent } from '../../src/access/emergency-access.ts';
import { stores } from './security-harness.ts';

type Auth = { Authorization: string };

const dischargeSummary = (patientId: string, practitionerRoleId: string) => ({
  resourceType: 'Composition',
  status: 'final',
  type: { coding: [{ system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' }] },
  subject: { reference: `Patient/${patientId}` },
  date: new Date().toISOString(),
  author: [{ reference: `PractitionerRole/${practitionerRoleId}` }],
  title: 'Discharge summary',
  section: [{ title: 'Plan', text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Home tomorrow</div>' } }],
});

/**
 * Issue 13, findings 2 and 3: break-glass was not read-only (a clinician wrote a Composition into
 * a record after $emergency-access), and the grant lived outside the record as an
 * `EmergencyAccess/<id>` that is not a FHIR resource.
 */
describe.each(stores)('break glass is read-only and a FHIR resource in her record (%s)', (kind) => {
  let svc: RunningService;
  let aisha: SignedIn;
  let paramedic: Auth;
  let practitionerRoleId: string;
  let opened: { emergencyAccess: string; expiresAt: string };
  const ids = { allergy: '', depression: '' };

  beforeAll(async () => {
    svc = await startService(kind, adminEnv);
    aisha = await signUp(svc.url, 'Aisha', 'Khan', '1945-03-02');
    ids.allergy = await add(svc.url, aisha, codeineAllergy(aisha.patientId));
    ids.depression = await add(svc.url, aisha, condition(aisha.patientId, '35489007', 'Depressive disorder'));
    const crew = await organisationWithProfessional(svc.url, 'gp-practice', 'clinician', 'North West Ambulance Service');
    paramedic = crew.professional.auth;
    practitionerRoleId = crew.practitionerRoleId;
    opened = (await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$emergency-access`).set(paramedic)
      .send({ reason: 'Found on the floor after a fall, confused, cannot give history' }).expect(201)).body;
  });
  afterAll(async () => svc.stop());

  it('the clinician reads her emergency information, sensitive items included', async () => {
    await request(svc.url).get(`/fhir/Patient/${aisha.patientId}/$summary`).set(paramedic).expect(200);
    await request(svc.url).get(`/fhir/AllergyIntolerance/${ids.allergy}`).set(paramedic).expect(200);
    await request(svc.url).get(`/fhir/Condition/${ids.depression}`).set(paramedic).expect(200);
  });

  it('a clinician who broke the glass cannot write a discharge summary, a note or anything else into the record', async () => {
    const post = (resource: { resourceType: string; [key: string]: unknown }) => request(svc.url).post(`/fhir/${resource.resourceType}`).set(paramedic).set('Content-Type', fhirJson).send(resource);
    await post(dischargeSummary(aisha.patientId, practitionerRoleId)).expect(403);
    await post({ resourceType: 'Flag', status: 'active', code: { text: 'Fell at home' }, subject: { reference: `Patient/${aisha.patientId}` } }).expect(403);
    await post(condition(aisha.patientId, '5913000', 'Fracture of neck of femur')).expect(403);
    const allergy = (await request(svc.url).get(`/fhir/AllergyIntolerance/${ids.allergy}`).set(paramedic).expect(200)).body;
    await request(svc.url).put(`/fhir/AllergyIntolerance/${ids.allergy}`).set(paramedic).set('Content-Type', fhirJson).send({ ...allergy, criticality: 'low' }).expect(403);
    await request(svc.url).delete(`/fhir/AllergyIntolerance/${ids.allergy}`).set(paramedic).expect(403);
    expect((await request(svc.url).get('/fhir/Composition').set(aisha.auth).expect(200)).body.total).toBe(0);
  });

  it('the emergency access is a Consent in her record, with the break-the-glass purpose, the clinician, 60 minutes and read only', async () => {
    expect(opened.emergencyAccess).toMatch(/^Consent\//);
    const consent = (await request(svc.url).get(`/fhir/${opened.emergencyAccess}`).set(aisha.auth).expect(200)).body;
    expect(consent.patient.reference).toBe(`Patient/${aisha.patientId}`);
    expect(consent.provision.purpose).toEqual([expect.objectContaining({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'BTG' })]);
    expect(consent.provision.actor.map((a: { reference: { reference: string } }) => a.reference.reference)).toEqual([`PractitionerRole/${practitionerRoleId}`]);
    expect(consent.provision.action).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'access' }] }]);
    expect(Date.parse(consent.provision.period.end) - Date.parse(consent.provision.period.start)).toBe(60 * 60_000);
    expect(consent.provision.period.end).toBe(opened.expiresAt);
    const listed = await request(svc.url).get(`/fhir/Consent?patient=Patient/${aisha.patientId}`).set(aisha.auth).expect(200);
    expect(listed.body.entry.map((e: { resource: { id: string } }) => `Consent/${e.resource.id}`)).toContain(opened.emergencyAccess);
    const log = await request(svc.url).get(`/fhir/Patient/${aisha.patientId}/access-log`).set(aisha.auth).expect(200);
    expect(log.body.entries.map((e: { text: string }) => e.text)).toContainEqual(expect.stringMatching(/^North West Ambulance Service \(Sam Patel\) opened your record in an emergency, without your permission on /));
  });

  it('nobody but the service writes a break-glass Consent: not the person, not a clinician', async () => {
    const consent = (await request(svc.url).get(`/fhir/${opened.emergencyAccess}`).set(aisha.auth).expect(200)).body;
    const { id: _id, meta: _meta, ...copy } = consent;
    await request(svc.url).post('/fhir/Consent').set(aisha.auth).set('Content-Type', fhirJson).send(copy).expect(403);
    await request(svc.url).post('/fhir/Consent').set(paramedic).set('Content-Type', fhirJson).send(copy).expect(403);
  });

  it('she can end it early, and the clinician’s next read is refused', async () => {
    const consent = (await request(svc.url).get(`/fhir/${opened.emergencyAccess}`).set(aisha.auth).expect(200)).body;
    await request(svc.url).put(`/fhir/${opened.emergencyAccess}`).set(aisha.auth).set('Content-Type', fhirJson).send({ ...consent, status: 'inactive' }).expect(200);
    await request(svc.url).get(`/fhir/AllergyIntolerance/${ids.allergy}`).set(paramedic).expect(404);
  });

  it('she is told of an emergency access even if the service stopped before telling her (the next sweep, once)', async () => {
    const rina = await signUp(svc.url, 'Rina', 'Shah', '1966-04-12');
    // As if the service had stopped between storing the access and telling her: written straight into the store.
    const consent = { ...emergencyConsent({ patientId: rina.patientId, practitionerRoleId, reason: 'Unconscious at the bus stop', now: new Date() }), id: `interrupted-btg-${kind}` };
    await svc.service.stores.store.commit([{ kind: 'create', resource: consent, compartment: rina.patientId }], new Date());
    const told = async () => ((await request(svc.url).get('/notifications').set(rina.auth).expect(200)).body.notifications as { kind: string; text: string }[]).filter((n) => n.kind === 'emergency-access');
    expect(await told()).toHaveLength(0);
    await svc.service.notifier.sweep(new Date());
    await svc.service.notifier.sweep(new Date());
    expect((await told()).map((n) => n.text)).toEqual([expect.stringMatching(/opened your record in an emergency, without asking first\. The reason they gave: “Unconscious at the bus stop”/)]);
  });
});
