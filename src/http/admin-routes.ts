import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { professionalRoles } from '../access/actor.ts';
import type { Actor } from '../access/actor.ts';
import { decideAdministration } from '../access/administration.ts';
import { organisationKinds } from '../admin/directory-entries.ts';
import type { AdminService } from '../admin/admin-service.ts';
import type { CarerService } from '../carers/carer-service.ts';
import { proxyInput } from './carer-routes.ts';
import { newPasswordSchema } from '../auth/password-rules.ts';
import { FhirError } from '../fhir/errors.ts';
import { idPattern } from '../fhir/ids.ts';
import { parseInput } from '../fhir/parse-input.ts';

const organisationInput = z.object({
  name: z.string({ error: 'Give the organisation’s name.' }).trim().min(1, 'Give the organisation’s name.').max(200, 'Use 200 characters or fewer.'),
  type: z.enum(organisationKinds, { error: `Say what kind of organisation it is: ${organisationKinds.join(', ')}.` }),
}, { error: 'Send the details as a JSON object.' });

const namePart = (missing: string) => z.string({ error: missing }).trim().min(1, missing).max(100, 'Use 100 characters or fewer.');
const organisationReference = z
  .string({ error: 'Say which organisation, as Organization/<id>.' })
  .regex(/^Organization\/[A-Za-z0-9\-.]{1,64}$/, 'Say which organisation, as Organization/<id>.')
  .transform((r) => r.slice('Organization/'.length));

const professionalInput = z.object({
  email: z.string({ error: 'Enter the email address.' }).trim().toLowerCase().pipe(z.email('Enter an email address like name@example.org.')),
  password: newPasswordSchema,
  name: z.object({ given: namePart('Enter the first name.'), family: namePart('Enter the last name.') }, { error: 'Enter the first and last name.' }),
  organization: organisationReference,
  role: z.enum(professionalRoles, { error: `Choose a role: ${professionalRoles.join(', ')}.` }),
}, { error: 'Send the details as a JSON object.' })
  .refine((p) => p.password.toLowerCase() !== p.email, { message: 'Choose a password that is not the email address.', path: ['password'] });

const identityCheckInput = z.object({
  patient: z
    .string({ error: 'Say whose record, as Patient/<id>.' })
    .regex(/^Patient\/[A-Za-z0-9\-.]{1,64}$/, 'Say whose record, as Patient/<id>.')
    .transform((r) => r.slice('Patient/'.length)),
  nhsNumber: z
    .string({ error: 'Enter the NHS number you checked.' })
    .transform((n) => n.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{10}$/, 'Enter the 10-digit NHS number you checked.')),
}, { error: 'Send the details as a JSON object.' });

/** /admin: the directory of organisations and professionals. Admins only: 401 signed out, 403 for anyone else. */
export function createAdminRouter(deps: { admin: AdminService; bodyLimitBytes: number; clients: Router; proxies: CarerService }): Router {
  const router = Router();
  router.use((_req, res, next) => {
    requireAdmin(res);
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(express.json({ limit: deps.bodyLimitBytes }));
  router.use('/clients', deps.clients);

  router.post('/organizations', async (req, res) => {
    const input = parseInput(organisationInput, req.body);
    const id = await deps.admin.createOrganization(input.name, input.type);
    res.status(201).location(`/fhir/Organization/${id}`).json({ organization: `Organization/${id}` });
  });
  router.get('/organizations', async (_req, res) => {
    res.json({ organizations: await deps.admin.listOrganizations() });
  });
  router.post('/professionals', async (req, res) => {
    const input = parseInput(professionalInput, req.body);
    const id = await deps.admin.createProfessional({ email: input.email, password: input.password, name: input.name, organizationId: input.organization, role: input.role });
    res.status(201).location(`/fhir/PractitionerRole/${id}`).json({ practitionerRole: `PractitionerRole/${id}` });
  });
  router.post('/proxies', async (req, res) => {
    const input = parseInput(proxyInput, req.body);
    const consent = await deps.proxies.setUpProxy(input.patient, input.carer, input.rights, input.reason);
    res.status(201).json({ consent: `Consent/${consent}` });
  });
  router.post('/identity-checks', async (req, res) => {
    const input = parseInput(identityCheckInput, req.body);
    await deps.admin.verifyIdentity(input.patient, input.nhsNumber);
    res.status(201).json({ patient: `Patient/${input.patient}`, identity: 'verified' });
  });
  router.get('/professionals', async (_req, res) => {
    res.json({ professionals: await deps.admin.listProfessionals() });
  });
  router.delete('/professionals/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!idPattern.test(id)) throw new FhirError('bad-request', `"${id}" is not a valid id.`);
    await deps.admin.removeProfessional(id);
    res.status(204).end();
  });
  return router;
}

/** Decided in access/administration.ts; here only turned into 401 or 403. */
function requireAdmin(res: Response): void {
  const decision = decideAdministration((res.locals.actor as Actor | undefined) ?? { kind: 'anonymous' });
  if (!decision.signedIn) throw new FhirError('unauthenticated', 'Please sign in first.');
  if (!decision.permit) throw new FhirError('forbidden', decision.explanation ?? 'Only a Red Bag administrator can do this.');
}
