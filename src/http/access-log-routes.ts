import { Router } from 'express';
import type { AuditEvent } from '@medplum/fhirtypes';
import { z } from 'zod';
import { describeAccess } from '../audit/describe-access.ts';
import { parseInput } from '../fhir/parse-input.ts';
import type { HealthRecord } from '../record/record.ts';
import { idParam, signedInActor } from './fhir-request.ts';

const filters = z.object({
  who: z.string().trim().max(100).optional(),
  since: z.iso.date({ error: 'Give "since" as a date, for example 2026-03-01.' }).optional(),
  until: z.iso.date({ error: 'Give "until" as a date, for example 2026-03-31.' }).optional(),
  /** others (default): leave out what the person did herself; all: everything. */
  show: z.enum(['others', 'all'], { error: 'Give "show" as others or all.' }).default('others'),
  outcome: z.enum(['allowed', 'refused'], { error: 'Give "outcome" as allowed or refused.' }).optional(),
});

/**
 * GET /fhir/Patient/{id}/access-log: "who has seen my record", newest first, in plain words, from
 * the AuditEvents in her record (read through the record, so the usual access rules apply).
 */
export function createAccessLogRouter(deps: { record: HealthRecord }): Router {
  const router = Router();
  router.get('/:id/access-log', async (req, res) => {
    const patientId = idParam(req);
    const query = parseInput(filters, req.query);
    const search: Record<string, string | string[]> = { patient: `Patient/${patientId}`, _sort: '-date', _count: '500' };
    const dates = [...(query.since ? [`ge${query.since}`] : []), ...(query.until ? [`le${query.until}`] : [])];
    if (dates.length) search.date = dates;
    const found = await deps.record.search(signedInActor(res), 'AuditEvent', search);
    const who = query.who?.toLowerCase();
    const lines = found.matches
      .map((stored) => describeAccess(stored.resource as AuditEvent, patientId))
      .filter((line) => (query.show === 'all' || line.who !== 'You') && (!who || line.who.toLowerCase().includes(who)) && (!query.outcome || line.outcome === query.outcome));
    res.set('Cache-Control', 'no-store').json({ entries: lines });
  });
  return router;
}
