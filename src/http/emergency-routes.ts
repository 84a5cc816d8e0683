import { Router } from 'express';
import { z } from 'zod';
import type { EmergencyService } from '../emergency/emergency-service.ts';
import { parseInput } from '../fhir/parse-input.ts';
import type { HealthRecord } from '../record/record.ts';
import { idParam, signedInActor } from './fhir-request.ts';
import { jsonBody } from './json-body.ts';

const reasonText = 'Say why you need to open this record in an emergency, in a sentence.';
const reasonField = z.string({ error: reasonText }).trim().min(10, reasonText).max(500, 'Keep the reason under 500 characters.');
/** FHIR Parameters ({name: "reason", valueString}) or plain JSON {reason}. */
const emergencyInput = z.union([
  z.object({ reason: reasonField }),
  z.object({ resourceType: z.literal('Parameters'), parameter: z.array(z.object({ name: z.string(), valueString: z.string().optional() })) })
    .transform((p, ctx) => {
      const reason = p.parameter.find((x) => x.name === 'reason')?.valueString?.trim() ?? '';
      if (reason.length < 10) ctx.addIssue({ code: 'custom', message: reasonText, path: ['reason'] });
      return { reason };
    }),
], { error: reasonText });

const nhsNumberText = 'Enter the NHS number: 10 digits, for example 999 000 0026.';
const birthDateText = 'Enter the date of birth, for example 1960-05-01.';
/** Whose record, when the clinician has no link to it: NHS number and date of birth, both exact. */
const findInput = z.object({
  nhsNumber: z.string({ error: nhsNumberText }).transform((v) => v.replace(/[\s-]/g, '')).pipe(z.string().regex(/^\d{10}$/, nhsNumberText)),
  birthDate: z.iso.date({ error: birthDateText }),
  reason: reasonField,
});

/**
 * POST /fhir/Patient/{id}/$emergency-access: "break glass" for clinicians and paramedics.
 * POST /fhir/Patient/$emergency-access with {nhsNumber, birthDate, reason}: the same, for someone
 * found by NHS number and date of birth (a crew at the door has no link to her record).
 */
export function createEmergencyRouter(deps: { emergency: EmergencyService; record: HealthRecord; bodyLimitBytes: number }): Router {
  const router = Router();
  router.post('/\\$emergency-access', jsonBody(deps.bodyLimitBytes), async (req, res) => {
    const { nhsNumber, birthDate, reason } = parseInput(findInput, req.body);
    const actor = signedInActor(res);
    const patientId = await deps.record.findForEmergency(actor, nhsNumber, birthDate);
    res.status(201).set('Cache-Control', 'no-store').json({ patientId, ...(await deps.emergency.open(actor, patientId, reason)) });
  });
  router.post('/:id/\\$emergency-access', jsonBody(deps.bodyLimitBytes), async (req, res) => {
    const { reason } = parseInput(emergencyInput, req.body);
    res.status(201).set('Cache-Control', 'no-store').json(await deps.emergency.open(signedInActor(res), idParam(req), reason));
  });
  return router;
}
