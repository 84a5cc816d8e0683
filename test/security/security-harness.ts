import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { postgresReachable } from '../support/postgres.ts';
import type { StoreKind } from '../support/service.ts';
import type { SignedIn } from '../support/people.ts';
import { adminEmail, adminPassword, signIn } from '../sharing/sharing-harness.ts';

/** Every regression here runs on both stores (PostgreSQL skips, visibly, only outside CI when no server answers). */
export const stores: StoreKind[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];

/** The person invites `carer` with these rights and she accepts; returns the arrangement's Consent id. */
export async function makeCarer(url: string, person: SignedIn, carer: SignedIn, rights: 'view' | 'manage'): Promise<string> {
  const code = (await request(url).post(`/fhir/Patient/${person.patientId}/carer-invitations`).set(person.auth).send({ rights }).expect(201)).body.code;
  const accepted = await request(url).post('/carers/accept').set(carer.auth).send({ code }).expect(201);
  return String(accepted.body.consent).replace('Consent/', '');
}

/** The portal notifications of one account, newest first. */
export async function noticesOf(url: string, who: { auth: { Authorization: string } }): Promise<Array<{ kind: string; text: string; patient: string }>> {
  return (await request(url).get('/notifications').set(who.auth).expect(200)).body.notifications;
}

/** A hospital system of this organisation, registered by the admin, with a token for these scopes. */
export async function hospitalSystemToken(url: string, organization: string, scope: string): Promise<{ Authorization: string }> {
  const admin = await signIn(url, adminEmail, adminPassword);
  const pair = await generateKeyPair('ES384', { extractable: true });
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: randomUUID(), alg: 'ES384' };
  const clientId = (await request(url).post('/admin/clients').set(admin.auth).send({ name: 'Northgate PAS', organization, scope, jwks: { keys: [jwk] } }).expect(201)).body.client_id as string;
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES384', kid: jwk.kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(`${url}/auth/token`)
    .setExpirationTime(Math.floor(Date.now() / 1000) + 240)
    .setJti(randomUUID())
    .sign(pair.privateKey);
  const token = await request(url).post('/auth/token').type('form')
    .send({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion, scope })
    .expect(200);
  return { Authorization: `Bearer ${token.body.access_token}` };
}
