import type { Bundle, Patient } from '@medplum/fhirtypes';
import type { Actor } from '../access/actor.ts';
import { decide, type Decision } from '../access/decide.ts';
import type { Grant } from '../access/grants.ts';
import { decideIssuing, type Issuing } from '../access/issuing.ts';
import { narrowTo, searchScope } from '../access/search-scope.ts';
import { FhirError, notFound } from '../fhir/errors.ts';
import { recordTypes } from '../fhir/resource-types.ts';
import { buildRedBag } from '../summary/build-red-bag.ts';
import { recordAccess } from './audit-trail.ts';
import type { RecordDeps } from './deps.ts';
import { loadGrants } from './load-grants.ts';
import { everything } from './reads.ts';
import type { StoredResource } from '../store/store.ts';

/**
 * Cards, printouts and health links are decided in access/issuing.ts; here the facts it needs are
 * fetched (the caller's grants, and how much of the record is hidden from her) and a refusal is
 * logged in the person's access log. Someone who can read the record is told plainly (403); anyone
 * else learns nothing (404).
 */
export async function requireIssuing(deps: RecordDeps, actor: Actor, patientId: string, what: Issuing, operation: string): Promise<Decision> {
  const grants = await loadGrants(deps, actor, patientId);
  let decision = decideIssuing(actor, what, patientId, grants);
  if (decision.permit && actor.kind === 'person' && actor.patientId !== patientId) {
    decision = decideIssuing(actor, what, patientId, grants, await hiddenFrom(deps, actor, patientId, grants));
  }
  if (decision.permit) return decision;
  const patient = await deps.store.read('Patient', patientId);
  if (!patient || patient.deleted) throw notFound('Patient', patientId);
  await recordAccess(deps, actor, { patientId, interaction: 'operation', operation, entities: [], decision });
  const maySee = decide(actor, 'read', { resourceType: 'Patient', compartment: patientId }, grants).permit;
  if (maySee && decision.explanation) throw new FhirError('forbidden', decision.explanation);
  throw notFound('Patient', patientId);
}

/** The summary a card or link is made from: only for those allowed, and only from a whole view. */
export async function summaryToSign(deps: RecordDeps, actor: Actor, patientId: string, baseUrl: string, what: Issuing, operation: string): Promise<Bundle> {
  await requireIssuing(deps, actor, patientId, what, operation);
  const resources = (await everything(deps, actor, patientId, operation)).map((stored) => stored.resource);
  const patient = resources.find((r) => r.resourceType === 'Patient' && r.id === patientId) as Patient;
  return buildRedBag({ patient, resources, now: deps.clock(), baseUrl, summaryId: deps.newId() });
}

/** Only these types of her record, for a card: the same access as summaryToSign, without building a summary. */
export async function partToSign(deps: RecordDeps, actor: Actor, patientId: string, types: readonly string[], operation: string): Promise<StoredResource[]> {
  await requireIssuing(deps, actor, patientId, 'card', operation);
  return everything(deps, actor, patientId, operation, types);
}

/** How many entries of the record the caller cannot see: every type, counted in SQL with and without her scope. */
async function hiddenFrom(deps: RecordDeps, actor: Actor, patientId: string, grants: readonly Grant[]): Promise<number> {
  const count = async (resourceType: string, scope: Parameters<typeof narrowTo>[0]): Promise<number> =>
    (await deps.store.search({ resourceType, filters: [], sort: [], count: 0, offset: 0, total: true, scope })).total ?? 0;
  const types = recordTypes.filter((type) => type !== 'AuditEvent');
  const counts = await Promise.all(
    types.map(async (type) => (await count(type, { compartments: [patientId] })) - (await count(type, narrowTo(searchScope(actor, type, grants), patientId)))),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}
