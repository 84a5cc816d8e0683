import { Router } from 'express';
import { z } from 'zod';
import type { HealthLinkService } from '../cards/health-link-service.ts';
import { FhirError } from '../fhir/errors.ts';
import { parseInput } from '../fhir/parse-input.ts';
import { idParam, signedInActor } from './fhir-request.ts';
import { jsonBody } from './json-body.ts';

const createLink = z.object({
  label: z.string({ error: 'Give the link a name, for example "For the hospital".' }).trim().min(1, 'Give the link a name, for example "For the hospital".').max(80, 'Keep the name to 80 characters or fewer.'),
  expiresAt: z.string({ error: 'Say when the link should stop working (expiresAt).' }).pipe(z.iso.datetime({ offset: true, message: 'Give the expiry as a date and time, for example 2026-12-24T12:00:00Z.' })),
  passcode: z.string({ error: 'Give the passcode as text.' }).min(6, 'Use a passcode of at least 6 characters.').max(100).optional(),
  direct: z.boolean({ error: 'Say true or false for direct.' }).optional(),
});
const manifestRequest = z.object({
  recipient: z.string({ error: 'Say who is opening the link (recipient).' }).trim().min(1, 'Say who is opening the link (recipient).').max(200),
  passcode: z.string({ error: 'Give the passcode as text.' }).max(100).optional(),
  embeddedLengthMax: z.number({ error: 'Give embeddedLengthMax as a whole number.' }).int('Give embeddedLengthMax as a whole number.').min(0, 'embeddedLengthMax cannot be negative.').optional(),
});

/**
 * The person's links (under /fhir/Patient/{id}/health-links, signed in) and the manifest every
 * viewer POSTs to (/shl/{linkId}, open to anyone holding the link, CORS * as viewers run anywhere).
 */
export function createHealthLinkRouters(deps: { links: HealthLinkService; bodyLimitBytes: number }): { owner: Router; manifest: Router } {
  const owner = Router();
  owner.post('/:id/health-links', jsonBody(deps.bodyLimitBytes), async (req, res) => {
    const input = parseInput(createLink, req.body);
    const link = await deps.links.create(signedInActor(res), idParam(req), { label: input.label, expiresAt: new Date(input.expiresAt), passcode: input.passcode, direct: input.direct });
    res.status(201).json(link);
  });
  owner.get('/:id/health-links', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await deps.links.list(signedInActor(res), idParam(req)));
  });
  owner.delete('/:id/health-links/:linkId', async (req, res) => {
    await deps.links.revoke(signedInActor(res), idParam(req), String(req.params.linkId));
    res.status(204).end();
  });

  const manifest = Router();
  manifest.use((_req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*').set('Access-Control-Allow-Headers', 'Content-Type').set('Cross-Origin-Resource-Policy', 'cross-origin').set('Cache-Control', 'no-store');
    next();
  });
  manifest.options('/:linkId', (_req, res) => {
    res.set('Access-Control-Allow-Methods', 'GET, POST').status(204).end();
  });
  // A manifest's `location`: the encrypted file, once, within the hour.
  manifest.get('/file/:fileId', async (req, res) => {
    res.type('application/jose').send(await deps.links.locationFile(String(req.params.fileId)));
  });
  manifest.get('/:linkId', async (req, res) => {
    const recipient = typeof req.query.recipient === 'string' ? req.query.recipient.trim() : '';
    if (!recipient) throw new FhirError('bad-request', 'Say who is opening the link (?recipient=…).');
    const answer = await deps.links.directFile(String(req.params.linkId), recipient);
    if (answer.status === 401) res.status(401).json(answer.body);
    else res.type('application/jose').send(answer.jwe);
  });
  manifest.post('/:linkId', jsonBody(10_000), async (req, res) => {
    const input = parseInput(manifestRequest, req.body);
    const answer = await deps.links.manifest(String(req.params.linkId), input);
    res.status(answer.status).json(answer.body);
  });
  return { owner, manifest };
}
