import { Router } from 'express';
import type { Bundle, CarePlan, Composition, Resource } from '@medplum/fhirtypes';
import { acceptProposal, declineProposal } from '../plans/proposals.ts';
import type { HealthRecord } from '../record/record.ts';
import { parseRelativeReference } from '../fhir/references.ts';
import { idParam, signedInActor } from './fhir-request.ts';

/**
 * POST /fhir/CarePlan/{id}/$accept and $decline: the person's answer to a proposed change to her
 * support plan. GET /fhir/Composition/{id}/$document: a discharge summary (or any Composition) as
 * a FHIR document Bundle, with what it refers to that the caller may see.
 */
export function createPlanRouter(deps: { record: HealthRecord; publicUrl: string; clock: () => Date }): Router {
  const router = Router();
  const base = `${deps.publicUrl}/fhir`;

  router.post('/CarePlan/:id/\\$accept', async (req, res) => {
    const actor = signedInActor(res);
    const proposal = (await deps.record.read(actor, 'CarePlan', idParam(req))).resource as CarePlan & { id: string };
    const replaced = await Promise.all(
      (proposal.replaces ?? []).map((r) => parseRelativeReference(r.reference ?? '')).filter((r) => r?.resourceType === 'CarePlan').map(async (r) => (await deps.record.read(actor, 'CarePlan', r!.id)).resource as CarePlan & { id: string }),
    );
    await deps.record.transaction(actor, acceptProposal(proposal, replaced));
    res.json((await deps.record.read(actor, 'CarePlan', proposal.id)).resource);
  });

  router.post('/CarePlan/:id/\\$decline', async (req, res) => {
    const actor = signedInActor(res);
    const proposal = (await deps.record.read(actor, 'CarePlan', idParam(req))).resource as CarePlan & { id: string };
    await deps.record.transaction(actor, declineProposal(proposal));
    res.json((await deps.record.read(actor, 'CarePlan', proposal.id)).resource);
  });

  router.get('/Composition/:id/\\$document', async (req, res) => {
    const actor = signedInActor(res);
    const composition = (await deps.record.read(actor, 'Composition', idParam(req))).resource as Composition & { id: string };
    const refs = [composition.subject, ...(composition.author ?? []), ...(composition.section ?? []).flatMap((s) => s.entry ?? [])]
      .map((r) => parseRelativeReference(r?.reference ?? ''))
      .filter((r): r is { resourceType: string; id: string } => r !== undefined);
    const included: Resource[] = [];
    for (const ref of refs) {
      try {
        included.push((await deps.record.read(actor, ref.resourceType, ref.id)).resource);
      } catch {
        // not visible to this caller, or gone: the document still reads without it
      }
    }
    const document: Bundle = {
      resourceType: 'Bundle',
      type: 'document',
      timestamp: deps.clock().toISOString(),
      identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${composition.id}` },
      entry: [composition, ...included].map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource })),
    };
    res.type('application/fhir+json').json(document);
  });
  return router;
}
