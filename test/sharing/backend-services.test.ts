import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startService, type RunningService } from '../support/service.ts';
import { add, adminEmail, adminEnv, adminPassword, goal, share, signIn, signUp } from './sharing-harness.ts';

interface Keys { privateKey: CryptoKey; jwk: JWK & { kid: string } }
async function keys(alg: 'ES384' | 'RS384'): Promise<Keys> {
  const pair = await generateKeyPair(alg, { extractable: true });
  return { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid: randomUUID(), alg } };
}

/** A client assertion as a hospital system signs it (private_key_jwt). */
function assertion(clientId: string, aud: string, key: Keys, options: { exp?: number; jti?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: key.jwk.alg!, kid: key.jwk.kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(aud)
    .setExpirationTime(options.exp ?? now + 240)
    .setJti(options.jti ?? randomUUID())
    .sign(key.privateKey);
}

describe('a hospital system pulls shared plans by SMART Backend Services', () => {
  let svc: RunningService;
  let jwksServer: Server;
  let tokenUrl: string;
  let admin: { auth: { Authorization: string } };
  let organization: string;
  let andrew: Awaited<ReturnType<typeof signUp>>;
  let plan: string;

  beforeAll(async () => {
    svc = await startService('sqlite', adminEnv);
    tokenUrl = `${svc.url}/auth/token`;
    admin = await signIn(svc.url, adminEmail, adminPassword);
    organization = (await request(svc.url).post('/admin/organizations').set(admin.auth).send({ name: 'Northgate Hospital', type: 'hospital-discharge-team' }).expect(201)).body.organization;
    andrew = await signUp(svc.url, 'Andrew', 'Wilson', '1960-05-01');
    plan = await add(svc.url, andrew, { resourceType: 'CarePlan', status: 'active', intent: 'plan', title: 'Support at home', subject: { reference: `Patient/${andrew.patientId}` } });
    await add(svc.url, andrew, goal(andrew.patientId, 'Home before the football'));
    await add(svc.url, andrew, share(andrew.patientId, organization, ['CarePlan', 'Goal']));
  });
  afterAll(async () => {
    jwksServer?.close();
    await svc.stop();
  });

  const register = async (body: Record<string, unknown>) => (await request(svc.url).post('/admin/clients').set(admin.auth).send({ name: 'Northgate PAS', organization, scope: 'system/CarePlan.rs system/Patient.rs', ...body }).expect(201)).body.client_id as string;
  const token = (clientAssertion: string, scope = 'system/CarePlan.rs system/Patient.rs') =>
    request(svc.url).post('/auth/token').type('form').send({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: clientAssertion, scope });

  it('publishes its SMART configuration', async () => {
    const config = await request(svc.url).get('/.well-known/smart-configuration').expect(200);
    expect(config.headers['access-control-allow-origin']).toBe('*');
    expect(config.body).toMatchObject({ token_endpoint: tokenUrl, grant_types_supported: ['client_credentials'], token_endpoint_auth_methods_supported: ['private_key_jwt'], token_endpoint_auth_signing_alg_values_supported: ['ES384', 'RS384'] });
    expect(config.body.capabilities).toContain('client-confidential-asymmetric');
  });

  it.each(['ES384', 'RS384'] as const)('a %s client gets a token and reads only what Andrew shared and its scopes allow; each pull is in his log', async (alg) => {
    const key = await keys(alg);
    const clientId = await register({ jwks: { keys: [key.jwk] } });
    const answer = await token(await assertion(clientId, tokenUrl, key), 'system/CarePlan.rs system/Patient.rs system/Condition.rs').expect(200);
    expect(answer.body).toMatchObject({ token_type: 'bearer', expires_in: 300, scope: 'system/CarePlan.rs system/Patient.rs' });
    const auth = { Authorization: `Bearer ${answer.body.access_token}` };
    const plans = await request(svc.url).get('/fhir/CarePlan').set(auth).expect(200);
    expect(plans.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([plan]);
    expect((await request(svc.url).get('/fhir/Patient').set(auth).expect(200)).body.total).toBe(1);
    expect((await request(svc.url).get('/fhir/Goal').set(auth).expect(200)).body.total).toBe(0); // shared, but not in its scopes
    const log = await request(svc.url).get(`/fhir/Patient/${andrew.patientId}/access-log`).set(andrew.auth).expect(200);
    expect(log.body.entries.map((e: { text: string }) => e.text)).toContainEqual(expect.stringMatching(/^Northgate Hospital \(Northgate Hospital computer system\) looked through your support plan on /));
    // The first pull through his share is announced to him, once however many pulls follow.
    const notices = (await request(svc.url).get('/notifications').set(andrew.auth).expect(200)).body.notifications as { kind: string; text: string }[];
    expect(notices.filter((n) => n.kind === 'share-first-used').map((n) => n.text)).toEqual([expect.stringMatching(/^Northgate Hospital looked at your record for the first time on /)]);
  });

  it('a client publishing its keys at a jwks_uri gets a token', async () => {
    const key = await keys('ES384');
    const port = await freePort();
    jwksServer = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: [key.jwk] })));
    await new Promise<void>((resolve) => jwksServer.listen(port, '127.0.0.1', resolve));
    const clientId = await register({ jwks_uri: `http://127.0.0.1:${port}/jwks.json` });
    await token(await assertion(clientId, tokenUrl, key)).expect(200);
  });

  it('refuses a wrong key, a wrong audience, an expired or replayed assertion, an unknown client and unregistered scopes', async () => {
    const key = await keys('ES384');
    const other = await keys('ES384');
    const clientId = await register({ jwks: { keys: [key.jwk] } });
    const refused = async (res: request.Test, status: number, error: string) => expect((await res.expect(status)).body.error).toBe(error);
    await refused(token(await assertion(clientId, tokenUrl, other)), 401, 'invalid_client');
    await refused(token(await assertion(clientId, `${svc.url}/somewhere-else`, key)), 401, 'invalid_client');
    await refused(token(await assertion(clientId, tokenUrl, key, { exp: Math.floor(Date.now() / 1000) - 60 })), 401, 'invalid_client');
    await refused(token(await assertion(clientId, tokenUrl, key, { exp: Math.floor(Date.now() / 1000) + 3600 })), 401, 'invalid_client');
    const once = await assertion(clientId, tokenUrl, key);
    await token(once).expect(200);
    await refused(token(once), 401, 'invalid_client');
    await refused(token(await assertion('no-such-client', tokenUrl, key)), 401, 'invalid_client');
    await refused(token(await assertion(clientId, tokenUrl, key), 'system/Condition.rs'), 400, 'invalid_scope');
    await refused(request(svc.url).post('/auth/token').type('form').send({ grant_type: 'password' }), 400, 'unsupported_grant_type');
  });

  it('removing a client stops its tokens at once', async () => {
    const key = await keys('ES384');
    const clientId = await register({ jwks: { keys: [key.jwk] } });
    const auth = { Authorization: `Bearer ${(await token(await assertion(clientId, tokenUrl, key)).expect(200)).body.access_token}` };
    await request(svc.url).get('/fhir/CarePlan').set(auth).expect(200);
    await request(svc.url).delete(`/admin/clients/${clientId}`).set(admin.auth).expect(204);
    await request(svc.url).get('/fhir/CarePlan').set(auth).expect(401);
    expect((await token(await assertion(clientId, tokenUrl, key)).expect(401)).body.error).toBe('invalid_client');
  });

  it('registration takes public keys only, and names what is wrong', async () => {
    const pair = await generateKeyPair('ES384', { extractable: true });
    const bad = await request(svc.url).post('/admin/clients').set(admin.auth).send({ name: 'X', organization, scope: 'system/CarePlan.rs', jwks: { keys: [await exportJWK(pair.privateKey)] } }).expect(400);
    expect(bad.body.issue[0].details.text).toMatch(/only public keys/);
    const noScope = await request(svc.url).post('/admin/clients').set(admin.auth).send({ name: 'X', organization, scope: 'everything', jwks_uri: 'https://x.example/jwks' }).expect(400);
    expect(noScope.body.issue[0].expression).toEqual(['scope']);
    await request(svc.url).post('/admin/clients').set(andrew.auth).send({}).expect(403);
  });
});
