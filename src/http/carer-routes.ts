import { Router } from 'express';
import { z } from 'zod';
import type { CarerService } from '../carers/carer-service.ts';
import { parseInput } from '../fhir/parse-input.ts';
import { idParam, signedInActor } from './fhir-request.ts';
import { jsonBody } from './json-body.ts';

const rights = z.enum(['view', 'manage'], { error: 'Choose what the carer may do: view, or manage.' });
const invitationInput = z.object(
  {
    rights,
    /** Optional: where to email the invitation. */
    email: z.string().trim().toLowerCase().pipe(z.email('Enter an email address like name@example.org, or leave it empty.')).optional(),
  },
  { error: 'Send the details as a JSON object.' },
);
const acceptInput = z.object({ code: z.string({ error: 'Enter the invitation code.' }).trim().min(4, 'Enter the invitation code.').max(40) }, { error: 'Send the details as a JSON object.' });
export const proxyInput = z.object({
  patient: z.string({ error: 'Say for whom, as Patient/<id>.' }).regex(/^Patient\/[A-Za-z0-9\-.]{1,64}$/, 'Say for whom, as Patient/<id>.').transform((r) => r.slice('Patient/'.length)),
  carer: z.string({ error: 'Enter the proxy’s email address.' }).trim().toLowerCase().pipe(z.email('Enter an email address like name@example.org.')),
  rights,
  reason: z.string({ error: 'Record why a proxy is needed.' }).trim().min(10, 'Record why a proxy is needed, in a sentence.').max(1000),
}, { error: 'Send the details as a JSON object.' });

/**
 * Carers. Under /fhir/Patient/{id}: the person's carers and invitations. Under /carers: accepting an
 * invitation, whom one cares for, and ending an arrangement (either side).
 */
export function createCarerRouters(deps: { carers: CarerService; bodyLimitBytes: number }): { owner: Router; carer: Router } {
  const json = jsonBody(deps.bodyLimitBytes);
  const owner = Router();
  owner.post('/:id/carer-invitations', json, async (req, res) => {
    const input = parseInput(invitationInput, req.body);
    res.status(201).set('Cache-Control', 'no-store').json(await deps.carers.invite(signedInActor(res), idParam(req), input.rights, input.email));
  });
  owner.delete('/:id/carer-invitations/:invitation', async (req, res) => {
    await deps.carers.cancelInvitation(signedInActor(res), idParam(req), idParam(req, 'invitation'));
    res.status(204).end();
  });
  owner.get('/:id/carers', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await deps.carers.carersOf(signedInActor(res), idParam(req)));
  });

  const carer = Router();
  carer.post('/accept', json, async (req, res) => {
    const input = parseInput(acceptInput, req.body);
    res.status(201).json(await deps.carers.accept(signedInActor(res), input.code));
  });
  carer.get('/caring-for', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ people: await deps.carers.caringFor(signedInActor(res)) });
  });
  carer.delete('/:consentId', async (req, res) => {
    await deps.carers.end(signedInActor(res), idParam(req, 'consentId'));
    res.status(204).end();
  });
  return { owner, carer };
}
