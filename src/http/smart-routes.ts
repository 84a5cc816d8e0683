import { randomUUID } from 'node:crypto';
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { AdminService } from '../admin/admin-service.ts';
import { parseInput } from '../fhir/parse-input.ts';
import { assertionAlgorithms, claimedClientId, InvalidClient, verifyClientAssertion } from '../smart/client-assertion.ts';
import { backendTokenSeconds, type BackendTokens } from '../smart/backend-tokens.ts';
import { grantScopes, parseScope } from '../smart/scopes.ts';
import type { AccountStore } from '../store/port.ts';
import { FhirError } from '../fhir/errors.ts';
import { recordTypes } from '../fhir/resource-types.ts';

const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The SMART configuration and the token endpoint for hospital systems (SMART Backend Services). */
export function createSmartRouter(deps: { accounts: AccountStore; tokens: BackendTokens; publicUrl: string; clock: () => Date }): Router {
  const router = Router();
  const tokenUrl = `${deps.publicUrl}/auth/token`;

  router.get('/.well-known/smart-configuration', (_req, res) => {
    res.set('Access-Control-Allow-Origin', '*').set('Cache-Control', 'public, max-age=3600').json({
      issuer: deps.publicUrl,
      token_endpoint: tokenUrl,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: assertionAlgorithms,
      grant_types_supported: ['client_credentials'],
      scopes_supported: recordTypes.filter((t) => t !== 'AuditEvent').map((t) => `system/${t}.rs`),
      // health-cards: this service issues SMART Health Cards ($health-cards-issue), as that specification asks to be said here.
      capabilities: ['client-confidential-asymmetric', 'permission-v2', 'health-cards'],
    });
  });

  router.post('/auth/token', express.urlencoded({ extended: false, limit: 20_000 }), async (req, res) => {
    res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache');
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.grant_type !== 'client_credentials') return oauthError(res, 400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
    if (body.client_assertion_type !== assertionType || typeof body.client_assertion !== 'string') {
      return oauthError(res, 400, 'invalid_request', `Send client_assertion_type=${assertionType} and a client_assertion.`);
    }
    const clientId = claimedClientId(body.client_assertion);
    const client = clientId ? await deps.accounts.findClient(clientId) : undefined;
    if (!client || client.revokedAt) return oauthError(res, 401, 'invalid_client', 'The client is not registered here, or has been removed.');
    const now = deps.clock();
    let assertion: Awaited<ReturnType<typeof verifyClientAssertion>>;
    try {
      assertion = await verifyClientAssertion(body.client_assertion, client, tokenUrl, now);
    } catch (err) {
      if (err instanceof InvalidClient) return oauthError(res, 401, 'invalid_client', err.message);
      throw err;
    }
    if (!(await deps.accounts.useAssertionId(client.id, assertion.jti, assertion.expiresAt.toISOString(), now.toISOString()))) {
      return oauthError(res, 401, 'invalid_client', 'This client assertion has been used before (its jti must be new each time).');
    }
    const scopes = grantScopes(typeof body.scope === 'string' ? body.scope : '', client.scopes);
    if (scopes.length === 0) return oauthError(res, 400, 'invalid_scope', `None of the scopes asked for is registered for this client. It may ask for: ${client.scopes.join(' ')}.`);
    res.json({ access_token: await deps.tokens.issue(client, scopes), token_type: 'bearer', expires_in: backendTokenSeconds, scope: scopes.join(' ') });
  });
  return router;
}

/** RFC 6749 §5.2: OAuth answers errors as {error, error_description}, not as an OperationOutcome. */
function oauthError(res: Response, status: number, error: string, description: string): void {
  if (status === 401) res.set('WWW-Authenticate', 'Bearer');
  res.status(status).json({ error, error_description: description });
}

const publicJwk = z.looseObject({ kty: z.enum(['EC', 'RSA']), kid: z.string().optional() }).refine((k) => !('d' in k), 'Send only public keys: this key has its private part (d).');
const clientInput = z
  .object({
    name: z.string({ error: 'Give the system a name.' }).trim().min(1, 'Give the system a name.').max(200),
    organization: z.string({ error: 'Say which organisation, as Organization/<id>.' }).regex(/^Organization\/[A-Za-z0-9\-.]{1,64}$/, 'Say which organisation, as Organization/<id>.'),
    jwks: z.object({ keys: z.array(publicJwk).min(1, 'Give at least one public key.') }, { error: 'Give the public keys as a JWKS: {"keys": [...]}.' }).optional(),
    jwks_uri: z.url({ protocol: /^https?$/, error: 'Give jwks_uri as an https address.' }).optional(),
    scope: z.string({ error: 'Say which scopes it may ask for, for example "system/CarePlan.rs system/Goal.rs".' }).refine(
      (text) => text.split(/\s+/).filter(Boolean).length > 0 && text.split(/\s+/).filter(Boolean).every((s) => parseScope(s) !== undefined),
      'Each scope must look like system/CarePlan.rs.',
    ),
  }, { error: 'Send the details as a JSON object.' })
  .refine((c) => (c.jwks === undefined) !== (c.jwks_uri === undefined), { message: 'Give either jwks or jwks_uri (one of them).', path: ['jwks'] });

/** /admin/clients: register, list and remove hospital systems. Mounted inside the admin router (admins only). */
export function createClientAdminRouter(deps: { accounts: AccountStore; admin: AdminService; clock: () => Date }): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const input = parseInput(clientInput, req.body);
    const organizationId = input.organization.slice('Organization/'.length);
    await deps.admin.requireOrganization(organizationId);
    const id = randomUUID();
    await deps.accounts.createClient({
      id,
      name: input.name,
      organizationId,
      ...(input.jwks ? { jwks: input.jwks as { keys: Record<string, unknown>[] } } : {}),
      ...(input.jwks_uri ? { jwksUri: input.jwks_uri } : {}),
      scopes: input.scope.split(/\s+/).filter(Boolean),
      createdAt: deps.clock().toISOString(),
    });
    res.status(201).json({ client_id: id });
  });
  router.get('/', async (_req, res) => {
    const clients = await deps.accounts.listClients();
    res.json({ clients: clients.map((c) => ({ client_id: c.id, name: c.name, organization: `Organization/${c.organizationId}`, scope: c.scopes.join(' '), created: c.createdAt, ...(c.revokedAt ? { removed: c.revokedAt } : {}) })) });
  });
  router.delete('/:id', async (req, res) => {
    const client = await deps.accounts.findClient(String(req.params.id));
    if (!client) throw new FhirError('not-found', 'There is no such client.');
    await deps.accounts.revokeClient(client.id, deps.clock().toISOString());
    res.status(204).end();
  });
  return router;
}
