import request from 'supertest';
import { shareConsent } from '../../src/access/share-consent.ts';
import { fhirJson, signUp, type SignedIn } from '../support/people.ts';

export const adminEmail = 'admin@redbag.example.org';
export const adminPassword = 'a long admin pass phrase';
export const adminEnv = { ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD: adminPassword };

export async function signIn(url: string, email: string, password: string): Promise<{ auth: { Authorization: string }; body: Record<string, unknown> }> {
  const res = await request(url).post('/auth/login').send({ email, password }).expect(200);
  return { auth: { Authorization: `Bearer ${res.body.access_token}` }, body: res.body };
}

let counter = 0;

/** An organisation and one professional in it, made by the admin through /admin. */
export async function organisationWithProfessional(url: string, type: string, role: string, orgName = 'Northgate Hospital discharge team') {
  const admin = await signIn(url, adminEmail, adminPassword);
  const org = await request(url).post('/admin/organizations').set(admin.auth).send({ name: orgName, type }).expect(201);
  const organizationId = String(org.body.organization).replace('Organization/', '');
  counter += 1;
  const email = `pro.${counter}.${Date.now()}@northgate.example.org`;
  const password = 'ward seven handover notes';
  const made = await request(url).post('/admin/professionals').set(admin.auth)
    .send({ email, password, name: { given: 'Sam', family: 'Patel' }, organization: org.body.organization, role }).expect(201);
  const professional = await signIn(url, email, password);
  return { admin, organizationId, practitionerRoleId: String(made.body.practitionerRole).replace('PractitionerRole/', ''), email, password, professional };
}

/** Writes one resource into a person's record; returns its id. */
export async function add<T extends { resourceType: string }>(url: string, person: SignedIn, resource: T): Promise<string> {
  const res = await request(url).post(`/fhir/${resource.resourceType}`).set(person.auth).set('Content-Type', fhirJson).send(resource).expect(201);
  return String(res.body.id);
}

/** A share as the portal writes it: a Consent in the person's own record. */
export function share(patientId: string, grantee: string, types: string[], options: { end?: string; actions?: ('access' | 'collect' | 'correct')[]; labels?: { system: string; code: string }[] } = {}) {
  const now = new Date();
  return shareConsent({
    patientId,
    grantee,
    resourceTypes: types,
    start: now.toISOString().slice(0, 10),
    end: options.end ?? new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
    ...(options.actions ? { actions: options.actions } : {}),
    ...(options.labels ? { securityLabels: options.labels } : {}),
    now,
  });
}

export const snomed = (code: string, display: string) => ({ coding: [{ system: 'http://snomed.info/sct', code, display }] });

export function condition(patientId: string, code: string, display: string) {
  return {
    resourceType: 'Condition',
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    code: snomed(code, display),
    subject: { reference: `Patient/${patientId}` },
  };
}

export function goal(patientId: string, text: string) {
  return { resourceType: 'Goal', lifecycleStatus: 'active', description: { text }, subject: { reference: `Patient/${patientId}` } };
}

export { signUp };
