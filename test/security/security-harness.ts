import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { postgresReachable } from '../support/postgres.ts';
import type { StoreKind } from '../support/service.ts';
import { adminEmail, adminPassword, signIn } from '../sharing/sharing-harness.ts';

export const stores: StoreKind[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];

type Auth = { Authorization: string };

/** A hospital system of this organisation, registered by the admin, with a SMART Backend Services token. */
export async function hospitalSystem(url: string, organization: string, scope: string): Promise<Auth> {
  const admin = await signIn(url, adminEmail, adminPassword);
  const pair = await generateKeyPair('ES384', { extractable: true });
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: randomUUID(), alg: 'ES384' };
  const registered = await request(url).post('/admin/clients').set(admin.auth).send({ name: 'Northgate PAS', organization, scope, jwks: { keys: [jwk] } }).expect(201);
  const clientId = String(registered.body.client_id);
  const tokenUrl = `${url}/auth/token`;
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES384', kid: jwk.kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setExpirationTime(Math.floor(Date.now() / 1000) + 240)
    .setJti(randomUUID())
    .sign(pair.privateKey);
  const token = await request(url).post('/auth/token').type('form')
    .send({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion, scope })
    .expect(200);
  return { Authorization: `Bearer ${token.body.access_token}` };
}

/** Every entry of a history or search, following the next links page by page. */
export async function allPages(url: string, auth: Auth, path: string): Promise<{ total: number; entries: Array<{ fullUrl: string; resource?: unknown; response?: { etag?: string } }> }> {
  const entries: Array<{ fullUrl: string; resource?: unknown; response?: { etag?: string } }> = [];
  let next: string | undefined = path;
  let total = -1;
  for (let pages = 0; next && pages < 100; pages += 1) {
    const page: request.Response = await request(url).get(next).set(auth).expect(200);
    if (total === -1) total = page.body.total;
    entries.push(...(page.body.entry ?? []));
    const link = (page.body.link ?? []).find((l: { relation: string }) => l.relation === 'next');
    next = link ? new URL(link.url).pathname + new URL(link.url).search : undefined;
  }
  return { total, entries };
}
