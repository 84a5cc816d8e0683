import { Router } from 'express';
import type { HealthRecord } from '../record/record.ts';
import { idParam, signedInActor } from './fhir-request.ts';

/**
 * GET /fhir/Patient/{id}/$my-access: what the caller's access to this record covers now (the types
 * of entry shared, until when, an emergency access's end, and what she may add), so a page can say
 * "not shared with you" beside a section instead of showing it empty. 404 when she has none.
 */
export function createMyAccessRouter(deps: { record: HealthRecord }): Router {
  const router = Router();
  router.get('/:id/\\$my-access', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await deps.record.coverage(signedInActor(res), idParam(req)));
  });
  return router;
}
