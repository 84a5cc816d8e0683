import type { Bundle, CarePlan } from '@medplum/fhirtypes';
import { FhirError } from '../fhir/errors.ts';

/**
 * A professional proposes a change to the support plan (a CarePlan with intent "proposal", status
 * "draft", usually `replaces` the current plan); the person accepts or declines it. Pure: each
 * answer is a transaction Bundle the record applies all or nothing.
 */
export function isOpenProposal(plan: CarePlan): boolean {
  return plan.intent === 'proposal' && plan.status === 'draft';
}

/** Accepting: the proposal becomes her active plan and the plans it replaces are ended. */
export function acceptProposal(proposal: CarePlan & { id: string }, replaced: Array<CarePlan & { id: string }>): Bundle {
  requireOpen(proposal);
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { resource: { ...proposal, intent: 'plan', status: 'active' }, request: { method: 'PUT', url: `CarePlan/${proposal.id}` } },
      ...replaced.filter((p) => p.status === 'active').map((p) => ({ resource: { ...p, status: 'revoked' as const }, request: { method: 'PUT' as const, url: `CarePlan/${p.id}` } })),
    ],
  };
}

/** Declining: the proposal is kept, marked revoked, so both sides can see it was declined. */
export function declineProposal(proposal: CarePlan & { id: string }): Bundle {
  requireOpen(proposal);
  return { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { ...proposal, status: 'revoked' }, request: { method: 'PUT', url: `CarePlan/${proposal.id}` } }] };
}

function requireOpen(plan: CarePlan): void {
  if (!isOpenProposal(plan)) throw new FhirError('conflict', 'This plan is not an open proposal: it has already been accepted or declined.');
}
