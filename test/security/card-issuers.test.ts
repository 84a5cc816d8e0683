import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirJson, type SignedIn } from '../support/people.ts';
import { startService, type RunningService } from '../support/service.ts';
import { add, adminEnv, organisationWithProfessional, share, signUp } from '../sharing/sharing-harness.ts';
import { hospitalSystemToken, makeCarer, stores } from './security-harness.ts';

/**
 * Issue 12: anyone who could see part of a record could have a signed card made for her that said
 * "Allergies not recorded". A card, a printout, its QR code and a health link are made only by the
 * person and a carer who manages her record, and never from a partial view.
 */
const issueParameters = { resourceType: 'Parameters', parameter: [{ name: 'credentialType', valueUri: 'https://smarthealth.cards#health-card' }] };

function codeineAllergy(patientId: string, restricted = false) {
  return {
    resourceType: 'AllergyIntolerance',
    ...(restricted ? { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] } } : {}),
    patient: { reference: `Patient/${patientId}` },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    criticality: 'high',
    code: { coding: [{ system: 'http://snomed.info/sct', code: '387494007', display: 'Codeine' }] },
  };
}

describe.each(stores)('only the person (or a carer managing her whole record) makes her card (%s)', (kind) => {
  let svc: RunningService;
  let aisha: SignedIn;
  beforeAll(async () => {
    svc = await startService(kind, adminEnv);
    aisha = await signUp(svc.url, 'Aisha', 'Khan', '1945-03-02');
    await add(svc.url, aisha, codeineAllergy(aisha.patientId));
    await add(svc.url, aisha, { resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'Support at home', subject: { reference: `Patient/${aisha.patientId}` } });
  });
  afterAll(async () => svc?.stop());

  /** Every way a card or link is made, for one caller: each must be refused with this status. */
  async function expectNoCard(auth: { Authorization: string }, status: number) {
    const id = aisha.patientId;
    await request(svc.url).post(`/fhir/Patient/${id}/$health-cards-issue`).set(auth).set('Content-Type', fhirJson).send(issueParameters).expect(status);
    await request(svc.url).get(`/red-bag/${id}/print?size=a4&format=html`).set(auth).expect(status);
    await request(svc.url).get(`/red-bag/${id}/print?size=wallet&format=pdf`).set(auth).expect(status);
    await request(svc.url).get(`/red-bag/${id}/qr.svg`).set(auth).expect(status);
    await request(svc.url).post(`/fhir/Patient/${id}/health-links`).set(auth).send({ label: 'For the ward', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }).expect(status);
    await request(svc.url).get(`/fhir/Patient/${id}/health-links`).set(auth).expect(status);
    await request(svc.url).post(`/fhir/Patient/${id}/$health-cards-revoke`).set(auth).expect(status);
  }

  it('a professional with a support-plan share reads the plan but cannot have a card signed that says "Allergies not recorded"', async () => {
    const team = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator');
    await add(svc.url, aisha, share(aisha.patientId, `Organization/${team.organizationId}`, ['CarePlan']));
    const summary = await request(svc.url).get(`/fhir/Patient/${aisha.patientId}/$summary`).set(team.professional.auth).expect(200);
    expect(JSON.stringify(summary.body)).not.toContain('Codeine'); // her partial view
    const refused = await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$health-cards-issue`).set(team.professional.auth).set('Content-Type', fhirJson).send(issueParameters).expect(403);
    expect(refused.body.issue[0].details.text).toMatch(/Only the person, or a carer who manages her record, can make her Red Bag card/);
    await expectNoCard(team.professional.auth, 403);
    // Her access log says someone tried.
    const log = await request(svc.url).get(`/fhir/Patient/${aisha.patientId}/access-log?outcome=refused`).set(aisha.auth).expect(200);
    expect(log.body.entries.length).toBeGreaterThan(0);
  });

  it('a hospital system of an organisation she shares with cannot have a card signed', async () => {
    const team = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'discharge-coordinator', 'Northgate PAS team');
    await add(svc.url, aisha, share(aisha.patientId, `Organization/${team.organizationId}`, ['CarePlan']));
    const system = await hospitalSystemToken(svc.url, `Organization/${team.organizationId}`, 'system/Patient.rs system/CarePlan.rs system/AllergyIntolerance.rs');
    await request(svc.url).get(`/fhir/Patient/${aisha.patientId}`).set(system).expect(200);
    await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$health-cards-issue`).set(system).set('Content-Type', fhirJson).send(issueParameters).expect(403);
    await request(svc.url).get(`/red-bag/${aisha.patientId}/qr.svg`).set(system).expect(403);
  });

  it('a carer who may only view cannot make a card, a printout or a link', async () => {
    const sara = await signUp(svc.url, 'Sara', 'Khan', '1975-03-02');
    await makeCarer(svc.url, aisha, sara, 'view');
    await expectNoCard(sara.auth, 403);
  });

  it('a clinician who broke the glass reads the summary but cannot sign a card', async () => {
    const crew = await organisationWithProfessional(svc.url, 'hospital-discharge-team', 'clinician', 'North West Ambulance Service');
    await request(svc.url).post(`/fhir/Patient/${aisha.patientId}/$emergency-access`).set(crew.professional.auth).send({ reason: 'Found on the floor after a fall' }).expect(201);
    await request(svc.url).get(`/fhir/Patient/${aisha.patientId}/$summary`).set(crew.professional.auth).expect(200);
    await expectNoCard(crew.professional.auth, 403);
  });

  it('someone who cannot see the record at all learns nothing (404)', async () => {
    const stranger = await signUp(svc.url, 'Eve', 'Other', '1980-01-01');
    await expectNoCard(stranger.auth, 404);
  });

  it('a carer managing the record makes the card while she sees all of it, and not once an allergy is hidden from her', async () => {
    const russell = await signUp(svc.url, 'Russell', 'Moore', '1950-02-02');
    const doris = await signUp(svc.url, 'Doris', 'Moore', '1952-07-07');
    await add(svc.url, russell, codeineAllergy(russell.patientId));
    await makeCarer(svc.url, russell, doris, 'manage');
    const card = await request(svc.url).post(`/fhir/Patient/${russell.patientId}/$health-cards-issue`).set(doris.auth).set('Content-Type', fhirJson).send(issueParameters).expect(200);
    expect(card.body.parameter[0].valueString).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    await request(svc.url).post(`/fhir/Patient/${russell.patientId}/health-links`).set(doris.auth).send({ label: 'For the ward', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }).expect(201);

    // He marks a second allergy restricted: hidden from her, so a card she made would leave it out.
    await add(svc.url, russell, codeineAllergy(russell.patientId, true));
    const refused = await request(svc.url).post(`/fhir/Patient/${russell.patientId}/$health-cards-issue`).set(doris.auth).set('Content-Type', fhirJson).send(issueParameters).expect(403);
    expect(refused.body.issue[0].details.text).toMatch(/Part of this record is hidden from you/);
    await request(svc.url).get(`/red-bag/${russell.patientId}/print`).set(doris.auth).expect(403);
    // A link would let whoever opens it (her included) read what is hidden from her.
    await request(svc.url).post(`/fhir/Patient/${russell.patientId}/health-links`).set(doris.auth).send({ label: 'For the ward', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }).expect(403);
    // She can still stop the cards and links already made.
    await request(svc.url).post(`/fhir/Patient/${russell.patientId}/$health-cards-revoke`).set(doris.auth).expect(200);
    await request(svc.url).get(`/fhir/Patient/${russell.patientId}/health-links`).set(doris.auth).expect(200);
    // He makes his own, with both allergies.
    await request(svc.url).post(`/fhir/Patient/${russell.patientId}/$health-cards-issue`).set(russell.auth).set('Content-Type', fhirJson).send(issueParameters).expect(200);
  });
});
