import { Router } from 'express';
import { z } from 'zod';
import type { EmergencyService } from '../emergency/emergency-service.ts';
import { parseInput } from '../fhir/parse-input.ts';
import { idParam, signedInActor } from './fhir-request.ts';
import { jsonBody } from './json-body.ts';

const reasonText = 'Say why you need to open this record in an emergency, in a sentence.';
/** FHIR Parameters ({name: "reason", valueString}) or plain JSON {reason}. */
const emergencyInput = z.union([
  z.object({ reason: z.string({ error: reasonText }).trim().min(10, reasonText).max(500) }),
  z.object({ resourceType: z.literal('Parameters'), parameter: z.array(z.object({ name: z.string(), valueString: z.string().optional() })) })
    .transform((p, ctx) => {
      const reason = p.parameter.find((x) => x.name === 'reason')?.valueString?.trim() ?? '';
      if (reason.length < 10) ctx.addIssue({ code: 'custom', message: reasonText, path: ['reason'] });
      return { reason };
    }),
], { error: reasonText });

/** POST /fhir/Patient/{id}/$emergency-access: "break glass" for clinicians and paramedics. */
export function createEmergencyRouter(deps: { emergency: EmergencyService; bodyLimitBytes: number }): Router {
  const router = Router();
  router.post('/:id/\\$emergency-access', jsonBody(deps.bodyLimitBytes), async (req, res) => {
    const { reason } = parseInput(emergencyInput, req.body);
    res.status(201).set('Cache-Control', 'no-store').json(await deps.emergency.open(signedInActor(res), idParam(req), reason));
  });
  return router;
}
